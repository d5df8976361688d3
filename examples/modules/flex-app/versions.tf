terraform {
  # Ephemeral variables and write-only attributes (the database password).
  required_version = ">= 1.11"

  required_providers {
    mongodbatlas = {
      source = "tfatlas/mongodbatlas"
    }
  }
}
