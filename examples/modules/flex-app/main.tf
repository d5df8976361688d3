# An application's slice of Atlas: a project, a flex cluster, the database user
# the application connects as, and the addresses it connects from.
# tests/flex_app.tftest.hcl tests it with `terraform test` against atlas-sim.

locals {
  protect = coalesce(var.termination_protection_enabled, var.environment == "prod")
}

resource "mongodbatlas_project" "this" {
  name   = var.name
  org_id = var.org_id

  tags = {
    environment = var.environment
  }
}

resource "mongodbatlas_flex_cluster" "this" {
  project_id = mongodbatlas_project.this.id
  name       = "${var.name}-flex"

  provider_settings = {
    backing_provider_name = "AWS"
    region_name           = "US_EAST_1"
  }

  tags = {
    environment = var.environment
  }

  termination_protection_enabled = local.protect

  lifecycle {
    # The team's rule, checked at plan time: production data is never one
    # `terraform destroy` away.
    precondition {
      condition     = var.environment != "prod" || local.protect
      error_message = "A prod cluster must have termination protection: remove termination_protection_enabled = false."
    }
  }
}

resource "mongodbatlas_database_user" "app" {
  project_id         = mongodbatlas_project.this.id
  username           = "${var.name}-app"
  auth_database_name = "admin"

  password_wo         = var.db_password
  password_wo_version = 1

  roles {
    role_name     = "readWrite"
    database_name = var.name
  }

  scopes {
    name = mongodbatlas_flex_cluster.this.name
    type = "CLUSTER"
  }
}

resource "mongodbatlas_project_ip_access_list" "client" {
  for_each = toset(var.client_cidrs)

  project_id = mongodbatlas_project.this.id
  cidr_block = each.value
  comment    = "${var.name} clients"
}
