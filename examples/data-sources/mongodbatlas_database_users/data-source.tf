data "mongodbatlas_database_users" "all" {
  project_id = mongodbatlas_project.example.id

  depends_on = [mongodbatlas_database_user.example, mongodbatlas_database_user.iam]
}

output "database_user_names" {
  value = data.mongodbatlas_database_users.all.results[*].username
}
