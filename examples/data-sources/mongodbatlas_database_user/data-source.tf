data "mongodbatlas_database_user" "example" {
  project_id         = mongodbatlas_database_user.example.project_id
  username           = mongodbatlas_database_user.example.username
  auth_database_name = "admin"
}

output "database_user_roles" {
  value = data.mongodbatlas_database_user.example.roles
}
