# A configuration written before 2025. It keeps working: the provider uses the
# serverless API while it answers and the flex API where it no longer does.
resource "mongodbatlas_serverless_instance" "example" {
  project_id                              = mongodbatlas_project.example.id
  name                                    = "example-serverless"
  provider_settings_backing_provider_name = "AWS"
  provider_settings_provider_name         = "SERVERLESS"
  provider_settings_region_name           = "US_EAST_1"

  termination_protection_enabled = false

  tags {
    key   = "environment"
    value = "production"
  }
}
