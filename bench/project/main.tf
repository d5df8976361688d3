# Benchmark: var.size plain projects (no teams, no limits, slow-ms not set),
# the case reference/official-provider.md §5 counts calls for.
# `make bench` runs it at sizes 1 and 50; bench/bench_test.go at size 1.
terraform {
  required_providers {
    mongodbatlas = {
      source = "tfatlas/mongodbatlas"
    }
  }
}

provider "mongodbatlas" {}

variable "org_id" {
  type = string
}

variable "size" {
  type    = number
  default = 1
}

resource "mongodbatlas_project" "bench" {
  count  = var.size
  name   = "bench-project-${count.index}"
  org_id = var.org_id

  tags = {
    purpose = "benchmark"
  }
}
