# `terraform test` for the module, against atlas-sim or a real Atlas
# organization: credentials and MONGODB_ATLAS_BASE_URL come from the
# environment, the organization from `-var org_id=...`.
#
# The runs share one state, in order; after the last run, terraform test
# destroys what the runs created.

variables {
  name         = "tftest-app"
  environment  = "dev"
  db_password  = "tftest-password-1"
  client_cidrs = ["203.0.113.0/24"]
}

run "dev_plan" {
  command = plan

  assert {
    condition     = mongodbatlas_flex_cluster.this.termination_protection_enabled == false
    error_message = "A dev cluster should not be protected by default."
  }

  assert {
    condition     = mongodbatlas_flex_cluster.this.name == "tftest-app-flex"
    error_message = "The cluster should be named after the project."
  }
}

# The module's own rule fails the plan before anything is sent.
run "prod_without_protection_is_refused" {
  command = plan

  variables {
    environment                    = "prod"
    termination_protection_enabled = false
  }

  expect_failures = [mongodbatlas_flex_cluster.this]
}

run "prod_apply" {
  variables {
    environment = "prod"
  }

  assert {
    condition     = mongodbatlas_flex_cluster.this.termination_protection_enabled
    error_message = "A prod cluster should be protected by default."
  }

  assert {
    condition     = mongodbatlas_flex_cluster.this.state_name == "IDLE"
    error_message = "The apply should return once the cluster is IDLE."
  }

  assert {
    condition     = startswith(output.connection_string, "mongodb+srv://")
    error_message = "The cluster should have an SRV connection string."
  }

  assert {
    condition     = length(mongodbatlas_project_ip_access_list.client) == 1
    error_message = "Every client CIDR should have an access list entry."
  }
}

# terraform test destroys everything after the last run, and the provider
# refuses to destroy a protected cluster: turn protection off first.
run "unprotect_for_cleanup" {
  variables {
    environment = "dev"
  }

  assert {
    condition     = mongodbatlas_flex_cluster.this.termination_protection_enabled == false
    error_message = "Protection should be off before terraform test cleans up."
  }
}
