data "mongodbatlas_project_ip_access_list" "vpc" {
  project_id = mongodbatlas_project_ip_access_list.vpc.project_id
  cidr_block = mongodbatlas_project_ip_access_list.vpc.cidr_block
}

output "vpc_entry_comment" {
  value = data.mongodbatlas_project_ip_access_list.vpc.comment
}
