# Benchmark: var.size flex clusters in one existing project. The driver
# creates the project (with its cluster limit raised to 100) before it
# measures, so the counts and times below are the flex clusters' alone.
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

resource "mongodbatlas_flex_cluster" "bench" {
  count      = var.size
  project_id = var.project_id
  name       = "bench-flex-${count.index}"

  provider_settings = {
    backing_provider_name = "AWS"
    region_name           = "US_EAST_1"
  }

  tags = {
    purpose = "benchmark"
  }
}
