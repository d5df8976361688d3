output "project_id" {
  value = mongodbatlas_project.this.id
}

output "cluster_name" {
  value = mongodbatlas_flex_cluster.this.name
}

output "connection_string" {
  description = "Connect as <name>-app with the password given in db_password."
  value       = mongodbatlas_flex_cluster.this.connection_strings.standard_srv
}
