# Quickstart: an Atlas project with tags, a setting and a limit, a flex cluster
# in it, and a Cloud Manager project.
#
# Credentials and endpoints come from the environment (MONGODB_ATLAS_PUBLIC_KEY,
# MONGODB_ATLAS_PRIVATE_KEY, MONGODB_ATLAS_BASE_URL, ...). `make demo` runs this
# against the built-in simulator.
terraform {
  required_providers {
    mongodbatlas = {
      source = "tfatlas/mongodbatlas"
    }
  }
}

provider "mongodbatlas" {}

variable "org_id" {
  description = "Atlas organization id that owns the project."
  type        = string
}

resource "mongodbatlas_project" "quickstart" {
  name   = "quickstart"
  org_id = var.org_id

  tags = {
    environment = "demo"
    owner       = "platform-team"
  }

  is_data_explorer_enabled = true

  limits {
    name  = "atlas.project.deployment.clusters"
    value = 30
  }
}

resource "mongodbatlas_flex_cluster" "quickstart" {
  project_id = mongodbatlas_project.quickstart.id
  name       = "quickstart-flex"

  provider_settings = {
    backing_provider_name = "AWS"
    region_name           = "US_EAST_1"
  }

  tags = {
    environment = "demo"
  }
}

# A Cloud Manager project in the same organization, with the same credentials.
# MONGODB_CLOUD_MANAGER_BASE_URL (or cloud_manager_base_url) points it at
# Cloud Manager or at an Ops Manager host.
resource "mongodbatlas_cloud_manager_project" "quickstart" {
  name   = "quickstart-ops"
  org_id = var.org_id
}

data "mongodbatlas_project" "by_name" {
  name = mongodbatlas_project.quickstart.name
}

output "project_id" {
  value = mongodbatlas_project.quickstart.id
}

output "flex_connection_string" {
  value = mongodbatlas_flex_cluster.quickstart.connection_strings.standard_srv
}

output "cloud_manager_project_id" {
  value = mongodbatlas_cloud_manager_project.quickstart.id
}

output "project_created" {
  value = data.mongodbatlas_project.by_name.created
}
