# Import a Cloud Manager or Ops Manager project by its id.
terraform import mongodbatlas_cloud_manager_project.example 5f1e2d3c4b5a697887766554
