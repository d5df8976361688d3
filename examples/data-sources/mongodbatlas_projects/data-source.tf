data "mongodbatlas_projects" "all" {
  depends_on = [mongodbatlas_project.example]
}

output "project_names" {
  value = [for p in data.mongodbatlas_projects.all.results : p.name]
}
