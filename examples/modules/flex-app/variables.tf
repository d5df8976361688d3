variable "org_id" {
  description = "Atlas organization that owns the project."
  type        = string
}

variable "name" {
  description = "Name of the project; the flex cluster is called <name>-flex."
  type        = string
}

variable "environment" {
  description = "dev, staging or prod. Production clusters must have termination protection."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "termination_protection_enabled" {
  description = "Refuse to destroy or replace the cluster while true. Defaults to true in prod and false elsewhere."
  type        = bool
  default     = null
}

variable "db_password" {
  description = "Password of the application's database user. Ephemeral: it never reaches the plan or the state."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "client_cidrs" {
  description = "Addresses the application connects from, in CIDR notation."
  type        = list(string)
  default     = []
}
