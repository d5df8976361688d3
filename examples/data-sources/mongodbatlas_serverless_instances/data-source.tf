data "mongodbatlas_serverless_instances" "all" {
  project_id = mongodbatlas_serverless_instance.example.project_id
}
