# Benchmark: var.size serverless instances in one existing project. The
# driver creates the project before it measures and, by default, sets the
# simulator's world date before 2025 so that the serverless API (not its flex
# successor) serves the calls.
terraform {
  required_providers {
    mongodbatlas = {
      source = "tfatlas/mongodbatlas"
    }
  }
}

provider "mongodbatlas" {}

variable "project_id" {
  type = string
}

variable "size" {
  type    = number
  default = 1
}

resource "mongodbatlas_serverless_instance" "bench" {
  count                                   = var.size
  project_id                              = var.project_id
  name                                    = "bench-serverless-${count.index}"
  provider_settings_backing_provider_name = "AWS"
  provider_settings_provider_name         = "SERVERLESS"
  provider_settings_region_name           = "US_EAST_1"

  tags {
    key   = "purpose"
    value = "benchmark"
  }
}
