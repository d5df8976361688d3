data "mongodbatlas_serverless_instance" "example" {
  project_id = mongodbatlas_serverless_instance.example.project_id
  name       = mongodbatlas_serverless_instance.example.name
}
