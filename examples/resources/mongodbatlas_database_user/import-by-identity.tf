# Import a database user by its identity (Terraform 1.12+): the parts of its
# import ID, given one by one.
import {
  to = mongodbatlas_database_user.iam
  identity = {
    project_id         = "5f1e2d3c4b5a697887766554"
    username           = "arn:aws:iam::123456789012:role/shop-app"
    auth_database_name = "$external"
  }
}
