# Benchmark: var.size IP access list entries in one existing project (the
# driver creates the project before it measures). Each create waits for the
# entry to be ACTIVE; a refresh should cost one GET per entry.
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

resource "mongodbatlas_project_ip_access_list" "bench" {
  count      = var.size
  project_id = var.project_id
  cidr_block = "10.${count.index}.0.0/16"
  comment    = "benchmark"
}
