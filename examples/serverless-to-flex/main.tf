# After the move: the serverless_instance block of
# examples/resources/mongodbatlas_serverless_instance is replaced by this flex
# cluster and a moved block. Applying it changes nothing in Atlas; the next plan
# is empty. Needs Terraform 1.8 or later.
resource "mongodbatlas_flex_cluster" "example" {
  project_id = mongodbatlas_project.example.id
  name       = "example-serverless"

  provider_settings = {
    backing_provider_name = "AWS"
    region_name           = "US_EAST_1"
  }

  termination_protection_enabled = false

  tags = {
    environment = "production"
  }
}

moved {
  from = mongodbatlas_serverless_instance.example
  to   = mongodbatlas_flex_cluster.example
}
