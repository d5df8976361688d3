# Import a database user by {project_id}-{username}-{auth_database_name}.
terraform import mongodbatlas_database_user.example 5f1e2d3c4b5a697887766554-shop-app-admin
