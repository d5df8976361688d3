# Import a flex cluster by {project_id}-{name}.
terraform import mongodbatlas_flex_cluster.example 5f1e2d3c4b5a697887766554-example-flex
