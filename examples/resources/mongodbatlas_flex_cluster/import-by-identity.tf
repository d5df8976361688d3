import {
  to = mongodbatlas_flex_cluster.this
  identity = {
    project_id = "5f1e2d3c4b5a697887766554"
    name       = "my-flex-cluster"
  }
}
