resource "mongodbatlas_project" "example" {
  name   = "example-project"
  org_id = var.org_id

  tags = {
    environment = "production"
    team        = "payments"
  }

  is_performance_advisor_enabled = true
  is_schema_advisor_enabled      = true

  limits {
    name  = "atlas.project.deployment.clusters"
    value = 40
  }
}
