# Quickstart: an Atlas project with tags, a setting and a limit, a flex cluster
# in it, a database user and an IP access list entry to connect with, and a
# Cloud Manager project. The output connection_string is what mongosh or a
# driver needs, with the password you passed in TF_VAR_db_password.
#
# Credentials and endpoints come from the environment (MONGODB_ATLAS_PUBLIC_KEY,
# MONGODB_ATLAS_PRIVATE_KEY, MONGODB_ATLAS_BASE_URL, ...). `make demo` runs this
# against the built-in simulator.
terraform {
  required_providers {
    mongodbatlas = {
      source = "tfatlas/mongodbatlas"
    }
  }
}

provider "mongodbatlas" {}

variable "org_id" {
  description = "Atlas organization id that owns the project."
  type        = string
}

variable "db_password" {
  description = "Password of the database user. Ephemeral: it never reaches the plan or the state. The default only keeps the demo runnable; pass your own with TF_VAR_db_password."
  type        = string
  sensitive   = true
  ephemeral   = true
  default     = "quickstart-demo-password"
}

variable "client_cidr" {
  description = "Addresses allowed to connect to the cluster, in CIDR notation (your own address followed by /32)."
  type        = string
  default     = "203.0.113.0/24"
}

resource "mongodbatlas_project" "quickstart" {
  name   = "quickstart"
  org_id = var.org_id

  tags = {
    environment = "demo"
    owner       = "platform-team"
  }

  is_data_explorer_enabled = true

  limits {
    name  = "atlas.project.deployment.clusters"
    value = 30
  }
}

resource "mongodbatlas_flex_cluster" "quickstart" {
  project_id = mongodbatlas_project.quickstart.id
  name       = "quickstart-flex"

  provider_settings = {
    backing_provider_name = "AWS"
    region_name           = "US_EAST_1"
  }

  tags = {
    environment = "demo"
  }
}

# The identity applications connect with. The password is write-only
# (Terraform 1.11+): bump password_wo_version to send a new one.
resource "mongodbatlas_database_user" "quickstart" {
  project_id         = mongodbatlas_project.quickstart.id
  username           = "quickstart-app"
  auth_database_name = "admin"

  password_wo         = var.db_password
  password_wo_version = 1

  roles {
    role_name     = "readWrite"
    database_name = "quickstart"
  }

  # Only this cluster, not every cluster the project may hold later.
  scopes {
    name = mongodbatlas_flex_cluster.quickstart.name
    type = "CLUSTER"
  }
}

# Where connections may come from. The apply returns once Atlas reports the
# entry ACTIVE.
resource "mongodbatlas_project_ip_access_list" "quickstart" {
  project_id = mongodbatlas_project.quickstart.id
  cidr_block = var.client_cidr
  comment    = "quickstart clients"
}

# A Cloud Manager project in the same organization, with the same credentials.
# MONGODB_CLOUD_MANAGER_BASE_URL (or cloud_manager_base_url) points it at
# Cloud Manager or at an Ops Manager host.
resource "mongodbatlas_cloud_manager_project" "quickstart" {
  name   = "quickstart-ops"
  org_id = var.org_id
}

data "mongodbatlas_project" "by_name" {
  name = mongodbatlas_project.quickstart.name
}

output "project_id" {
  value = mongodbatlas_project.quickstart.id
}

output "flex_connection_string" {
  value = mongodbatlas_flex_cluster.quickstart.connection_strings.standard_srv
}

output "connection_string" {
  description = "Connect with: mongosh \"<connection_string>\" --password (the password is TF_VAR_db_password), from an address in client_cidr."
  value = replace(mongodbatlas_flex_cluster.quickstart.connection_strings.standard_srv, "mongodb+srv://",
  "mongodb+srv://${mongodbatlas_database_user.quickstart.username}@")

  depends_on = [mongodbatlas_project_ip_access_list.quickstart]
}

output "cloud_manager_project_id" {
  value = mongodbatlas_cloud_manager_project.quickstart.id
}

output "project_created" {
  value = data.mongodbatlas_project.by_name.created
}
