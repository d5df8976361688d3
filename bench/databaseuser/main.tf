# Benchmark: var.size database users in one existing project (the driver
# creates the project before it measures). A refresh should cost one GET per user.
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

resource "mongodbatlas_database_user" "bench" {
  count              = var.size
  project_id         = var.project_id
  username           = "bench-user-${count.index}"
  auth_database_name = "admin"
  password           = "bench-password-${count.index}"

  roles {
    role_name     = "readWrite"
    database_name = "bench"
  }
}
