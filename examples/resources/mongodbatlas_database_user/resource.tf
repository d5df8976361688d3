# The password never reaches the plan or the state: pass it with
# TF_VAR_db_password (the default here only keeps the example runnable).
variable "db_password" {
  type      = string
  sensitive = true
  ephemeral = true
  default   = "example-only-change-me"
}

resource "mongodbatlas_database_user" "example" {
  project_id         = mongodbatlas_project.example.id
  username           = "shop-app"
  auth_database_name = "admin"

  # Write-only (Terraform 1.11+). Bump the version to send a new password.
  password_wo         = var.db_password
  password_wo_version = 1

  roles {
    role_name     = "readWrite"
    database_name = "shop"
  }

  roles {
    role_name     = "read"
    database_name = "reports"
  }

  labels {
    key   = "team"
    value = "payments"
  }
}

# A user that authenticates with an AWS IAM role: no password, auth database $external.
resource "mongodbatlas_database_user" "iam" {
  project_id         = mongodbatlas_project.example.id
  username           = "arn:aws:iam::123456789012:role/shop-app"
  auth_database_name = "$external"
  aws_iam_type       = "ROLE"

  roles {
    role_name     = "readAnyDatabase"
    database_name = "admin"
  }
}
