#!/usr/bin/env bash
# Everything `make test` runs: vet for the host and a 32-bit release target, the
# tests on a matrix of CLIs, the docs check and the release check. Every step
# runs even when an earlier one failed; the summary at the end names the
# failed ones and the script then exits 1.
#
# Settings (environment; the GNUmakefile passes its variables of the same names):
#   PKG            packages to test (default ./...)
#   TESTARGS       extra `go test` arguments; they come last, so a -run here
#                  replaces the run's own -run filter
#   CLI_MATRIX     which CLIs, in order (default "newest tofu oldest path"):
#                    newest  Terraform $TERRAFORM_VERSION (built into bin/), or
#                            $TF_ACC_TERRAFORM_PATH when set: full run
#                    tofu    OpenTofu (on PATH, else built into bin/): full run
#                    oldest  Terraform $TERRAFORM_OLDEST_VERSION (built): smoke run
#                    path    the CLI on PATH, when there is one: smoke run
#                  The first full run runs every test (unit, simulator and
#                  acceptance tests); later full runs only the acceptance
#                  tests (TestAcc<Upper>...: every test that needs a CLI is
#                  named so), without the fault matrices (TestAcc*_faults) and
#                  the load test (TestAccLoad): those exercise the provider's
#                  API client (retries, lost answers, rate limits), which does
#                  not depend on the CLI, and are a third of a run's time.
#                  A CLI whose kind and version already ran is skipped.
#   SMOKE_RUN      the -run regexp of smoke runs
#   TEST_SKIP      steps to leave out, among: vet cli docs release
#   TEST_P, TEST_PARALLEL, TEST_TIMEOUT   go test -p, -parallel, -timeout
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$repo"

GO="${GO:-go}"
PKG="${PKG:-./...}"
TESTARGS="${TESTARGS:-}"
CLI_MATRIX="${CLI_MATRIX:-newest tofu oldest path}"
# TestAccFlexCluster_import is not in the smoke set: its -generate-config-out
# step fails on Terraform 1.8.5, whose generated provider_settings block lacks
# the required disk_size_gb and provider_name (the full runs still cover it).
SMOKE_RUN="${SMOKE_RUN:-^TestAcc(Project_basic|Project_import|FlexCluster_basic|ServerlessInstance_import|ServerlessInstance_movedToFlexCluster|Adopting_serverlessToFlex)\$}"
TEST_SKIP="${TEST_SKIP:-}"
TEST_P="${TEST_P:-2}"
TEST_PARALLEL="${TEST_PARALLEL:-4}"
TEST_TIMEOUT="${TEST_TIMEOUT:-45m}"
# Acceptance tests only: TestAccessList... and TestAccept... are unit tests.
ACC_RUN='^TestAcc[A-Z]'
ACC_SKIP='^TestAcc[A-Za-z]*_faults$|^TestAccLoad$'

summary=()
failed=0

skipped() { [[ " $TEST_SKIP " == *" $1 "* ]]; }

# step NAME COMMAND...: run COMMAND under a header, record its result and time.
step() {
  local name="$1" start=$SECONDS rc
  shift
  printf '\n==> %s\n' "$name"
  "$@"
  rc=$?
  local took=$((SECONDS - start))
  if [ "$rc" = 0 ]; then
    summary+=("ok    ${took}s  $name")
  else
    summary+=("FAIL  ${took}s  $name")
    failed=1
  fi
  printf '<== %s: %s in %ss\n' "$name" "$([ "$rc" = 0 ] && echo ok || echo FAILED)" "$took"
  return 0
}

vet_all() {
  local rc=0
  echo "go vet ./... (host)"
  "$GO" vet ./... || rc=1
  # One 32-bit release target, test files included: a constant that overflows a
  # 32-bit int stops a release. Every other release target is type-checked by
  # the release check, which compiles the provider for each of them; vetting
  # them all too would compile every test dependency thirteen times (about half
  # an hour on a cold 2-core machine).
  echo "GOOS=linux GOARCH=386 go vet ./..."
  GOOS=linux GOARCH=386 CGO_ENABLED=0 "$GO" vet ./... || rc=1
  return "$rc"
}

# go_test CLI KIND RUN [SKIP]: the tests of $PKG with TF_ACC on CLI, -run RUN
# and -skip SKIP (if any).
go_test() {
  local cli="$1" kind="$2" run="$3" skip="${4:-}"
  local args=(test $PKG -count=1 -timeout "$TEST_TIMEOUT" -p "$TEST_P" -parallel "$TEST_PARALLEL")
  [ -z "$run" ] || args+=(-run "$run")
  [ -z "$skip" ] || args+=(-skip "$skip")
  # shellcheck disable=SC2206 # TESTARGS is a list of words
  args+=($TESTARGS)
  echo "TF_ACC=1 TF_ACC_TERRAFORM_PATH=$cli $GO ${args[*]}"
  (
    export TF_ACC=1 TF_ACC_TERRAFORM_PATH="$cli"
    if [ "$kind" = tofu ]; then
      # terraform-plugin-testing must reattach the in-process provider as
      # registry.opentofu.org/hashicorp/<name>, the address OpenTofu gives an
      # unqualified provider (import steps fail otherwise).
      export TF_ACC_PROVIDER_NAMESPACE=hashicorp TF_ACC_PROVIDER_HOST=registry.opentofu.org
    fi
    "$GO" "${args[@]}"
  )
}

run_matrix() {
  local entry cli kind version key mode run skip full_done=0 seen=" "
  for entry in $CLI_MATRIX; do
    case "$entry" in
      newest) cli="$(scripts/terraform-cli.sh --newest)" ;;
      tofu) cli="$(scripts/terraform-cli.sh --tofu)" ;;
      oldest) cli="$(scripts/terraform-cli.sh --oldest)" ;;
      path) cli="$(scripts/terraform-cli.sh --on-path)" ;;
      *)
        printf '\n==> CLI_MATRIX entry %s: unknown (use newest, tofu, oldest, path)\n' "$entry"
        summary+=("FAIL  0s  CLI_MATRIX entry $entry: unknown")
        failed=1
        continue
        ;;
    esac
    if [ $? != 0 ] || { [ -z "$cli" ] && [ "$entry" != path ]; }; then
      summary+=("FAIL  -   $entry CLI: could not be found or built (see above)")
      failed=1
      continue
    fi
    if [ -z "$cli" ]; then
      printf '\n==> %s: no Terraform or OpenTofu on PATH; no run\n' "$entry"
      continue
    fi
    kind="$(scripts/terraform-cli.sh --kind "$cli")" && version="$(scripts/terraform-cli.sh --version "$cli")" || {
      summary+=("FAIL  -   $entry CLI $cli does not run")
      failed=1
      continue
    }
    key="$kind-$version"
    if [[ "$seen" == *" $key "* ]]; then
      printf '\n==> %s: %s %s (%s) already ran in this matrix; no run\n' "$entry" "$kind" "$version" "$cli"
      continue
    fi
    seen+="$key "
    case "$entry" in
      newest | tofu)
        if [ "$full_done" = 0 ]; then
          mode="all tests"
          run=""
          skip=""
          full_done=1
        else
          mode="acceptance tests but the fault matrices and the load test"
          run="$ACC_RUN"
          skip="$ACC_SKIP"
        fi
        ;;
      *)
        mode="smoke run"
        run="$SMOKE_RUN"
        skip=""
        ;;
    esac
    local label=Terraform
    [ "$kind" = tofu ] && label=OpenTofu
    step "$mode on $label $version ($entry: $cli)" go_test "$cli" "$kind" "$run" "$skip"
  done
}

# A CLI configuration file that does not exist makes OpenTofu print a warning
# into its version output.
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -f "$TF_CLI_CONFIG_FILE" ]; then
  echo "note: TF_CLI_CONFIG_FILE=$TF_CLI_CONFIG_FILE does not exist; unsetting it"
  unset TF_CLI_CONFIG_FILE
fi

total_start=$SECONDS
skipped vet || step "vet (host and linux/386)" vet_all
skipped cli || run_matrix
skipped docs || step "docs check (scripts/terraform-cli.sh --newest: Terraform ${TERRAFORM_VERSION:-v1.14.9} or TF_ACC_TERRAFORM_PATH)" scripts/check-docs.sh
skipped release || step "release check (goreleaser snapshot for every target)" scripts/release-check.sh

printf '\n==> summary (%ss in all)\n' "$((SECONDS - total_start))"
printf '  %s\n' "${summary[@]}"
nfail="$(printf '%s\n' "${summary[@]}" | grep -c '^FAIL')"
echo "steps: $((${#summary[@]} - nfail)) passed, $nfail failed"
[ "$failed" = 0 ] || exit 1
