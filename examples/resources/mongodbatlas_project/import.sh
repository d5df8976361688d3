# Import a project by its id.
terraform import mongodbatlas_project.example 5f1e2d3c4b5a697887766554
