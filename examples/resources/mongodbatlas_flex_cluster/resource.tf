resource "mongodbatlas_flex_cluster" "example" {
  project_id = mongodbatlas_project.example.id
  name       = "example-flex"

  provider_settings = {
    backing_provider_name = "AWS"
    region_name           = "US_EAST_1"
  }

  tags = {
    environment = "production"
  }

  # While true, a plan that would destroy or replace the cluster fails before anything is sent.
  termination_protection_enabled = false

  timeouts = {
    create = "30m"
  }
}
