# One address (Atlas also reports it as 203.0.113.7/32).
resource "mongodbatlas_project_ip_access_list" "office" {
  project_id = mongodbatlas_project.example.id
  ip_address = "203.0.113.7"
  comment    = "office egress"
}

# A range of addresses.
resource "mongodbatlas_project_ip_access_list" "vpc" {
  project_id = mongodbatlas_project.example.id
  cidr_block = "10.8.0.0/16"
  comment    = "application VPC"

  timeouts = {
    create = "10m"
  }
}
