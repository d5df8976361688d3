# Import an access list entry by its identity (Terraform 1.12+): the project id
# and the entry (IP address, CIDR block or AWS security group id).
import {
  to = mongodbatlas_project_ip_access_list.office
  identity = {
    project_id = "5f1e2d3c4b5a697887766554"
    entry      = "203.0.113.7"
  }
}
