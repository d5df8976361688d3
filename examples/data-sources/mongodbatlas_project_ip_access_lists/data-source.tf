data "mongodbatlas_project_ip_access_lists" "all" {
  project_id = mongodbatlas_project.example.id

  depends_on = [mongodbatlas_project_ip_access_list.office, mongodbatlas_project_ip_access_list.vpc]
}

output "access_list_blocks" {
  value = data.mongodbatlas_project_ip_access_lists.all.results[*].cidr_block
}
