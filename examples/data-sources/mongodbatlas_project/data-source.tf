data "mongodbatlas_project" "by_id" {
  project_id = mongodbatlas_project.example.id
}

data "mongodbatlas_project" "by_name" {
  name = mongodbatlas_project.example.name
}
