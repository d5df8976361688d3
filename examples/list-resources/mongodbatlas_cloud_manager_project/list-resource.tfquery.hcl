# Every Cloud Manager or Ops Manager project the credentials can see at
# cloud_manager_base_url, with the full resource (Terraform 1.14+).
list "mongodbatlas_cloud_manager_project" "all" {
  provider         = mongodbatlas
  include_resource = true
}
