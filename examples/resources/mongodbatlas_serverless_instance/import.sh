# Import a serverless instance by {project_id}-{name}.
terraform import mongodbatlas_serverless_instance.example 5f1e2d3c4b5a697887766554-example-serverless
