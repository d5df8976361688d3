# Every flex cluster of a project, including the serverless instances Atlas
# turned into flex clusters. With include_resource, `terraform query
# -generate-config-out=generated.tf` writes a resource and an import block for each.
list "mongodbatlas_flex_cluster" "all" {
  provider         = mongodbatlas
  include_resource = true

  config {
    project_id = var.project_id
  }
}
