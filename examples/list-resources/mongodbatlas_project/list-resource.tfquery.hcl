# Every project of one organization, with the full resource, so that
# `terraform query -generate-config-out=projects.tf` writes resource and
# import blocks for them (Terraform 1.14+). Leave config out to list every
# project the credentials can see.
list "mongodbatlas_project" "all" {
  provider         = mongodbatlas
  include_resource = true

  config {
    org_id = var.org_id
  }
}
