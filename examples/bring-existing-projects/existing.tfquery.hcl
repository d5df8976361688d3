# Every project of the organization, and in each of them every flex cluster
# (serverless instances Atlas turned into flex clusters included) and every
# serverless instance that is still one, each with the full resource, so that
# `terraform query -generate-config-out=generated.tf` writes resource and
# import blocks for all of them (Terraform 1.14+).
list "mongodbatlas_project" "all" {
  provider         = mongodbatlas
  include_resource = true

  config {
    org_id = var.org_id
  }
}

list "mongodbatlas_flex_cluster" "all" {
  for_each         = toset([for p in list.mongodbatlas_project.all.data : p.identity.id])
  provider         = mongodbatlas
  include_resource = true

  config {
    project_id = each.value
  }
}

list "mongodbatlas_serverless_instance" "all" {
  for_each         = toset([for p in list.mongodbatlas_project.all.data : p.identity.id])
  provider         = mongodbatlas
  include_resource = true

  config {
    project_id = each.value
  }
}
