# The serverless instances of a project that are still serverless instances.
# Those Atlas turned into flex clusters come from the flex cluster list (a
# warning names them), so that each deployment is imported once, as the type
# that manages it from now on.
list "mongodbatlas_serverless_instance" "all" {
  provider         = mongodbatlas
  include_resource = true

  config {
    project_id = var.project_id
  }
}

list "mongodbatlas_flex_cluster" "all" {
  provider         = mongodbatlas
  include_resource = true

  config {
    project_id = var.project_id
  }
}
