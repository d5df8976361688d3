# Adopting resource by resource: the project and the serverless instance move to
# this provider; the flex cluster stays with the official provider for now.
# Before, every block used the official provider and had the names p, f and s.
terraform {
  required_providers {
    # This provider takes the local name the resource types default to.
    mongodbatlas = {
      source = "tfatlas/mongodbatlas"
    }
    # The official provider keeps what is not adopted (yet), and every type this
    # provider does not offer.
    mongodbatlas-official = {
      source = "mongodb/mongodbatlas"
    }
  }
}

# Both read the same MONGODB_ATLAS_* environment variables.
provider "mongodbatlas" {}
provider "mongodbatlas-official" {}

variable "org_id" {
  type = string
}

# Adopted: a new name, and a moved block from the old one.
resource "mongodbatlas_project" "project" {
  name   = "official-state-project"
  org_id = var.org_id
  tags   = { env = "dev", team = "core" }
  limits {
    name  = "atlas.project.deployment.clusters"
    value = 30
  }
  is_data_explorer_enabled = false
}

moved {
  from = mongodbatlas_project.p
  to   = mongodbatlas_project.project
}

# Stays with the official provider: only the provider argument is new. It can
# refer to resources of this provider.
resource "mongodbatlas_flex_cluster" "f" {
  provider   = mongodbatlas-official
  project_id = mongodbatlas_project.project.id
  name       = "official-flex"
  provider_settings = {
    backing_provider_name = "AWS"
    region_name           = "US_EAST_1"
  }
  termination_protection_enabled = true
  tags                           = { env = "dev" }
}

# Adopted.
resource "mongodbatlas_serverless_instance" "serverless" {
  project_id                              = mongodbatlas_project.project.id
  name                                    = "official-serverless"
  provider_settings_backing_provider_name = "AWS"
  provider_settings_provider_name         = "SERVERLESS"
  provider_settings_region_name           = "US_EAST_1"
  tags {
    key   = "env"
    value = "dev"
  }
}

moved {
  from = mongodbatlas_serverless_instance.s
  to   = mongodbatlas_serverless_instance.serverless
}
