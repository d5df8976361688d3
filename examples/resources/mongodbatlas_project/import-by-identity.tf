# Import a project by its identity, the project id (Terraform 1.12+).
import {
  to = mongodbatlas_project.example
  identity = {
    id = "5f1e2d3c4b5a697887766554"
  }
}
