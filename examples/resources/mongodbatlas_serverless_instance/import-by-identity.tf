import {
  to = mongodbatlas_serverless_instance.this
  identity = {
    project_id = "5f1e2d3c4b5a697887766554"
    name       = "my-serverless-instance"
  }
}
