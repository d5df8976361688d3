# Import an entry by {project_id}-{entry}, where entry is the IP address, CIDR block or AWS security group id.
terraform import mongodbatlas_project_ip_access_list.vpc 5f1e2d3c4b5a697887766554-10.8.0.0/16
