terraform {
  required_providers {
    mongodbatlas = {
      source = "tfatlas/mongodbatlas"
    }
  }
}

# Credentials are best taken from the environment in CI:
#   MONGODB_ATLAS_CLIENT_ID / MONGODB_ATLAS_CLIENT_SECRET (service account), or
#   MONGODB_ATLAS_PUBLIC_KEY / MONGODB_ATLAS_PRIVATE_KEY (programmatic API key), or
#   MONGODB_ATLAS_ACCESS_TOKEN.
provider "mongodbatlas" {}
