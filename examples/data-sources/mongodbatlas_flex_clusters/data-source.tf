data "mongodbatlas_flex_clusters" "all" {
  project_id = mongodbatlas_flex_cluster.example.project_id
}

output "flex_cluster_names" {
  value = [for c in data.mongodbatlas_flex_clusters.all.results : c.name]
}
