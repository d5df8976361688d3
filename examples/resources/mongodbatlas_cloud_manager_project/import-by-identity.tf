# Import a Cloud Manager or Ops Manager project by its identity, the project id (Terraform 1.12+).
import {
  to = mongodbatlas_cloud_manager_project.example
  identity = {
    id = "6a0b1c2d3e4f506172839405"
  }
}
