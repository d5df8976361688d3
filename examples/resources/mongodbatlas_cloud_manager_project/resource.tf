# A Cloud Manager project. With cloud_manager_base_url set in the provider
# block, the same configuration manages a project on an Ops Manager host.
resource "mongodbatlas_cloud_manager_project" "example" {
  name   = "example-cloud-manager-project"
  org_id = var.org_id
}

# The agent API key is sensitive: Terraform shows it as (sensitive value).
# Hand it to the tooling that installs MongoDB Agents, for example:
output "cloud_manager_agent_api_key" {
  value     = mongodbatlas_cloud_manager_project.example.agent_api_key
  sensitive = true
}
