data "mongodbatlas_flex_cluster" "example" {
  project_id = mongodbatlas_flex_cluster.example.project_id
  name       = mongodbatlas_flex_cluster.example.name
}

output "flex_connection_string" {
  value = data.mongodbatlas_flex_cluster.example.connection_strings.standard_srv
}
