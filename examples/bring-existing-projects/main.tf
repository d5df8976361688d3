# The root module that adopts an organization's existing projects and
# clusters: the provider and the organization. `terraform query
# -generate-config-out=generated.tf` (with existing.tfquery.hcl) writes the
# resources and import blocks next to it.
terraform {
  required_providers {
    mongodbatlas = {
      source = "tfatlas/mongodbatlas"
    }
  }
}

provider "mongodbatlas" {}

variable "org_id" {
  description = "The Atlas organization whose projects and clusters Terraform takes over."
  type        = string
}
