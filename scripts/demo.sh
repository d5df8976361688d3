#!/usr/bin/env bash
# End-to-end demo, fully offline: build the provider and atlas-sim, start the
# simulator, then apply, show, re-plan and destroy examples/quickstart with a
# dev_overrides CLI configuration (no `init`, no registry access).
#
# Environment:
#   SIM_FLAGS           extra flags for atlas-sim
#   SIM_READY_TIMEOUT   seconds to wait for "atlas-sim ready" (default 60)
#   DEMO_EXAMPLE_DIR    configuration to run (default examples/quickstart)
#   TF_ACC_TERRAFORM_PATH  CLI to use (see scripts/terraform-cli.sh)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$repo"

provider_name=mongodbatlas
provider_source="tfatlas/$provider_name"
example_dir="${DEMO_EXAMPLE_DIR:-$repo/examples/quickstart}"
ready_timeout="${SIM_READY_TIMEOUT:-60}"

current_step="setup"
failures=()
sim_pid=""
work="$(mktemp -d "${TMPDIR:-/tmp}/mongodbatlas-demo.XXXXXX")"

step() {
  current_step="$*"
  printf '\n==> %s\n' "$*"
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$sim_pid" ] && kill -0 "$sim_pid" 2>/dev/null; then
    kill -TERM "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
  if [ "$rc" -ne 0 ]; then
    if [ "${#failures[@]}" -gt 0 ]; then
      printf '\ndemo: FAILED:\n' >&2
      printf '  - %s\n' "${failures[@]}" >&2
    else
      printf '\ndemo: FAILED during step: %s (exit %d)\n' "$current_step" "$rc" >&2
    fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail_now() {
  echo "demo: $*" >&2
  exit 1
}

[ -f "$example_dir/main.tf" ] || fail_now "no configuration at $example_dir (expected main.tf)"

step "Finding a Terraform-compatible CLI"
cli="$(scripts/terraform-cli.sh)"
kind="$(scripts/terraform-cli.sh --kind "$cli")"
echo "using $cli ($("$cli" version 2>/dev/null | grep -m1 -E '^(OpenTofu|Terraform) v' || true))"

step "Building the provider"
plugin_dir="$work/plugins"
mkdir -p "$plugin_dir"
go build -o "$plugin_dir/terraform-provider-$provider_name" .
echo "built $plugin_dir/terraform-provider-$provider_name"

step "Building atlas-sim"
mkdir -p bin
go build -o bin/atlas-sim ./cmd/atlas-sim
echo "built bin/atlas-sim"

step "Starting atlas-sim"
sim_out="$work/atlas-sim.out"
sim_err="$work/atlas-sim.err"
# shellcheck disable=SC2086 # SIM_FLAGS is a list of flags
bin/atlas-sim -addr 127.0.0.1:0 -transition 1s ${SIM_FLAGS:-} >"$sim_out" 2>"$sim_err" &
sim_pid=$!
deadline=$((SECONDS + ready_timeout))
until grep -q '^atlas-sim ready' "$sim_out" 2>/dev/null; do
  if ! kill -0 "$sim_pid" 2>/dev/null; then
    cat "$sim_out" "$sim_err" >&2 || true
    sim_pid=""
    fail_now "atlas-sim exited before it was ready"
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    cat "$sim_out" "$sim_err" >&2 || true
    fail_now "atlas-sim did not print 'atlas-sim ready' within ${ready_timeout}s"
  fi
  sleep 0.2
done
# Take only the `export MONGODB_...=value` lines printed before "atlas-sim ready".
exports="$(sed -n '/^atlas-sim ready/q; /^export MONGODB_[A-Z0-9_]*=/p' "$sim_out")"
[ -n "$exports" ] || fail_now "atlas-sim printed no export lines"
eval "$exports"
[ -n "${MONGODB_ATLAS_BASE_URL:-}" ] || fail_now "atlas-sim did not export MONGODB_ATLAS_BASE_URL"
[ -n "${MONGODB_ATLAS_ORG_ID:-}" ] || fail_now "atlas-sim did not export MONGODB_ATLAS_ORG_ID"
# The simulator offers both an API key and a service account; the demo signs in
# with the API key, so the provider does not warn about two kinds of credentials.
unset MONGODB_ATLAS_CLIENT_ID MONGODB_ATLAS_CLIENT_SECRET
echo "atlas-sim (pid $sim_pid) serving at $MONGODB_ATLAS_BASE_URL"
printf '%s\n' "$exports" | sed -n 's/^export \([A-Z0-9_]*\)=.*/  set \1/p'

step "Writing the CLI configuration (dev_overrides, offline)"
export TF_CLI_CONFIG_FILE="$work/cli.tfrc"
{
  echo 'provider_installation {'
  echo '  dev_overrides {'
  echo "    \"registry.terraform.io/$provider_source\" = \"$plugin_dir\""
  if [ "$kind" = tofu ]; then
    echo "    \"registry.opentofu.org/$provider_source\" = \"$plugin_dir\""
  fi
  echo '  }'
  echo '}'
} >"$TF_CLI_CONFIG_FILE"
cat "$TF_CLI_CONFIG_FILE"

workdir="$work/quickstart"
cp -R "$example_dir" "$workdir"
rm -rf "$workdir/.terraform" "$workdir"/terraform.tfstate* "$workdir/.terraform.lock.hcl"
export TF_VAR_org_id="$MONGODB_ATLAS_ORG_ID"
export TF_IN_AUTOMATION=1
export CHECKPOINT_DISABLE=1
color=()
[ -t 1 ] || color=(-no-color)
cd "$workdir"
echo "working directory: $workdir (copy of ${example_dir#"$repo/"})"

step "$kind apply"
if ! "$cli" apply -auto-approve -input=false "${color[@]}"; then
  failures+=("apply failed")
else
  step "$kind output"
  "$cli" output "${color[@]}" || failures+=("output failed")

  step "$kind plan -detailed-exitcode (expecting no changes)"
  set +e
  "$cli" plan -detailed-exitcode -input=false "${color[@]}"
  plan_rc=$?
  set -e
  case "$plan_rc" in
    0) echo "no changes: the applied state matches the configuration" ;;
    2) failures+=("plan after apply is not empty (the provider reports drift)") ;;
    *) failures+=("plan failed (exit $plan_rc)") ;;
  esac
fi

# Destroy even after a failure, so a partial apply is cleaned up too.
step "$kind destroy"
"$cli" destroy -auto-approve -input=false "${color[@]}" || failures+=("destroy failed")

current_step="done"
if [ "${#failures[@]}" -gt 0 ]; then
  exit 1
fi
printf '\ndemo: OK (apply, output, empty plan, destroy against atlas-sim with %s)\n' "$kind"
