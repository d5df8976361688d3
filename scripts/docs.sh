#!/usr/bin/env bash
# Generate the provider documentation (docs/) with tfplugindocs.
#
# Usage: scripts/docs.sh [--no-fmt] [--quiet] [PROVIDER_DIR]
#
#   PROVIDER_DIR  provider source tree to document (default: this repository).
#                 scripts/check-docs.sh passes a scratch copy here.
#   --no-fmt      do not run `<cli> fmt -recursive examples/` first.
#   --quiet       show tfplugindocs' progress output only when it fails.
#
# tfplugindocs is pinned in tools/go.mod and run from there. It builds the
# provider, asks a Terraform-compatible CLI for `providers schema -json` and
# renders templates/ and examples/ into docs/. The CLI comes from
# `scripts/terraform-cli.sh --newest` (TF_ACC_TERRAFORM_PATH, else the newest
# Terraform, built into bin/ when missing); it is handed to tfplugindocs as `terraform` on a
# private PATH directory. OpenTofu resolves the provider that tfplugindocs
# installs under a different registry host, so with OpenTofu this script asks
# the CLI for the schema itself and passes it with --providers-schema.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
provider_name=mongodbatlas

fmt=1
quiet=0
target="$repo"
while [ $# -gt 0 ]; do
  case "$1" in
    --no-fmt) fmt=0 ;;
    --quiet) quiet=1 ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//' >&2
      exit 0
      ;;
    -*)
      echo "docs: unknown option $1" >&2
      exit 2
      ;;
    *) target="$1" ;;
  esac
  shift
done
target="$(cd "$target" && pwd -P)"

log() { printf 'docs: %s\n' "$*" >&2; }
die() {
  printf 'docs: ERROR: %s\n' "$*" >&2
  exit 1
}

# Identity and list-resource docs need Terraform >= 1.14: the newest one
# (TF_ACC_TERRAFORM_PATH overrides it).
cli="$("$repo/scripts/terraform-cli.sh" --newest)"
kind="$("$repo/scripts/terraform-cli.sh" --kind "$cli")"

scratch="$(mktemp -d "${TMPDIR:-/tmp}/tfdocs.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

# Keep the user's CLI configuration (dev_overrides, plugin caches) out of it.
: >"$scratch/cli.tfrc"
export TF_CLI_CONFIG_FILE="$scratch/cli.tfrc"
export TF_IN_AUTOMATION=1
export CHECKPOINT_DISABLE=1

if [ "$fmt" = 1 ] && [ -d "$target/examples" ]; then
  log "formatting examples/ with $cli fmt"
  "$cli" fmt -recursive "$target/examples" >&2
fi

schema_args=()
if [ "$kind" = tofu ]; then
  # tfplugindocs installs the provider as registry.terraform.io/hashicorp/<name>,
  # but OpenTofu reads an unqualified provider as registry.opentofu.org/...;
  # build it and produce the schema JSON here with an explicit source address.
  log "OpenTofu: generating the provider schema with $cli"
  ws="$scratch/schema"
  plugin="$ws/plugins/registry.terraform.io/hashicorp/$provider_name/0.0.1/$(go env GOOS)_$(go env GOARCH)"
  mkdir -p "$plugin"
  (cd "$target" && go build -o "$plugin/terraform-provider-$provider_name" .) ||
    die "go build of the provider in $target failed"
  cat >"$ws/main.tf" <<EOF
terraform {
  required_providers {
    $provider_name = {
      source = "registry.terraform.io/hashicorp/$provider_name"
    }
  }
}
EOF
  (cd "$ws" && "$cli" init -input=false -no-color -plugin-dir=./plugins >"$scratch/init.log" 2>&1) || {
    cat "$scratch/init.log" >&2
    die "$cli init failed while preparing the provider schema"
  }
  (cd "$ws" && "$cli" providers schema -json >"$scratch/schema.json") ||
    die "$cli providers schema -json failed"
  schema_args=(--providers-schema "$scratch/schema.json")
else
  mkdir -p "$scratch/path"
  ln -s "$cli" "$scratch/path/terraform"
  export PATH="$scratch/path:$PATH"
fi

log "running tfplugindocs generate for $target (CLI: $cli, $kind)"
run_tfplugindocs() {
  (cd "$repo/tools" &&
    go run github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs generate \
      --provider-dir "$target" --provider-name "$provider_name" "${schema_args[@]}")
}
if [ "$quiet" = 1 ]; then
  run_tfplugindocs >"$scratch/tfplugindocs.log" 2>&1 || {
    cat "$scratch/tfplugindocs.log" >&2
    die "tfplugindocs generate failed"
  }
else
  run_tfplugindocs || die "tfplugindocs generate failed"
fi
log "docs written to $target/docs"
