data "mongodbatlas_cloud_manager_project" "by_id" {
  project_id = mongodbatlas_cloud_manager_project.example.id
}

data "mongodbatlas_cloud_manager_project" "by_name" {
  name = mongodbatlas_cloud_manager_project.example.name
}

output "cloud_manager_active_agents" {
  value = data.mongodbatlas_cloud_manager_project.by_id.active_agent_count
}
