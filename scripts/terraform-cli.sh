#!/usr/bin/env bash
# Locate (or build) a Terraform-compatible CLI for acceptance tests, the demo
# and docs generation.
#
# Usage:
#   scripts/terraform-cli.sh           print the absolute path of the CLI
#   scripts/terraform-cli.sh --kind    print "terraform" or "tofu"
#   scripts/terraform-cli.sh --kind PATH
#                                      print the kind of the CLI at PATH
#
# Only the result goes to stdout (one line); everything else goes to stderr.
#
# Search order:
#   1. $TF_ACC_TERRAFORM_PATH, if set and executable
#   2. `terraform` on PATH, if its version is >= $TERRAFORM_MIN_VERSION (1.8)
#   3. `tofu` on PATH
#   4. <repo>/bin/tofu, if it was built before
#   5. build OpenTofu $OPENTOFU_VERSION from the Go module proxy into
#      <repo>/bin/tofu (takes ~10 minutes and ~3 GB of module cache on a cold
#      machine; runs at most once at a time thanks to a lock file).
#
# OpenTofu cannot be installed with `go install` (its go.mod has a replace
# directive), so the module source is downloaded, copied to a scratch
# directory and built there with -mod=mod. OpenTofu v1.12.6 needs Go >= 1.26.6;
# with an older local Go the go command fetches that toolchain from the proxy
# (unless GOTOOLCHAIN is set to something else in the environment).
set -euo pipefail

OPENTOFU_VERSION="${OPENTOFU_VERSION:-v1.12.6}"
TERRAFORM_MIN_VERSION="${TERRAFORM_MIN_VERSION:-1.8.0}"
LOCK_WAIT_SECONDS="${TERRAFORM_CLI_LOCK_WAIT:-3600}"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
bindir="$repo/bin"
tofu_bin="$bindir/tofu"

log() { printf 'terraform-cli: %s\n' "$*" >&2; }
die() {
  printf 'terraform-cli: ERROR: %s\n' "$*" >&2
  exit 1
}

# abspath FILE: absolute path of FILE (which must exist).
abspath() {
  local d
  d="$(cd "$(dirname "$1")" && pwd -P)"
  printf '%s/%s\n' "$d" "$(basename "$1")"
}

# cli_version CLI: the bare version number ("1.11.4") or nothing.
cli_version() {
  "$1" version -json 2>/dev/null |
    sed -n 's/^[[:space:]]*"terraform_version":[[:space:]]*"\([^"]*\)".*/\1/p' |
    head -n1
}

# cli_kind CLI: "tofu" for OpenTofu, "terraform" otherwise.
cli_kind() {
  # OpenTofu prints CLI configuration warnings to stdout before the version
  # line, so look for the line instead of taking the first one.
  local out line
  out="$("$1" version 2>/dev/null || true)"
  line="$(printf '%s\n' "$out" | grep -m1 -E '^(OpenTofu|Terraform) v' || true)"
  case "$line" in
    OpenTofu*) echo tofu ;;
    Terraform*) echo terraform ;;
    *) die "cannot tell what kind of CLI $1 is; \`$1 version\` printed: ${out:-nothing}" ;;
  esac
}

# version_ge A B: true when version A >= version B.
version_ge() {
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

# usable CLI: true when CLI runs and reports a version.
usable() {
  [ -n "$(cli_version "$1")" ]
}

build_opentofu() {
  command -v go >/dev/null 2>&1 || die "no usable Terraform/OpenTofu CLI found and Go is not installed, so OpenTofu cannot be built. Install Terraform >= $TERRAFORM_MIN_VERSION or OpenTofu, or set TF_ACC_TERRAFORM_PATH."
  command -v flock >/dev/null 2>&1 || die "flock(1) is required to build OpenTofu safely (Debian package util-linux)"

  mkdir -p "$bindir"
  local lock="$bindir/.tofu-build.lock"
  exec 9>"$lock"
  if ! flock -n 9; then
    log "another process is building OpenTofu; waiting for it (up to ${LOCK_WAIT_SECONDS}s)"
    flock -w "$LOCK_WAIT_SECONDS" 9 || die "timed out after ${LOCK_WAIT_SECONDS}s waiting for lock $lock"
  fi

  # Someone else may have finished the build while we waited.
  if [ -x "$tofu_bin" ] && usable "$tofu_bin"; then
    log "using $tofu_bin (built by another process)"
    return 0
  fi

  local scratch
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/opentofu-build.XXXXXX")"
  # shellcheck disable=SC2064 # expand now: the variable is local
  trap "chmod -R u+w '$scratch' 2>/dev/null; rm -rf '$scratch'" EXIT

  log "building OpenTofu $OPENTOFU_VERSION from the Go module proxy into $tofu_bin"
  log "this happens once; a cold build takes about 10 minutes and ~3 GB of module cache"

  local json dir
  # Run outside any module so that nothing in the repository is touched.
  if ! json="$(cd "$scratch" && GO111MODULE=on GOFLAGS= go mod download -json "github.com/opentofu/opentofu@$OPENTOFU_VERSION")"; then
    printf '%s\n' "$json" >&2
    die "go mod download github.com/opentofu/opentofu@$OPENTOFU_VERSION failed (is the Go module proxy reachable? GOPROXY=$(go env GOPROXY))"
  fi
  dir="$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir":[[:space:]]*"\(.*\)",\{0,1\}$/\1/p' | head -n1)"
  [ -n "$dir" ] && [ -d "$dir" ] || {
    printf '%s\n' "$json" >&2
    die "go mod download did not report a source directory for OpenTofu"
  }
  log "module source: $dir"

  cp -R "$dir" "$scratch/src"
  chmod -R u+w "$scratch/src"

  local out="$tofu_bin.tmp.$$"
  local start=$SECONDS
  if ! (cd "$scratch/src" &&
    GOFLAGS="${GOFLAGS:+$GOFLAGS }-mod=mod" CGO_ENABLED=0 GOTOOLCHAIN="${GOTOOLCHAIN:-auto}" \
      go build -trimpath \
      -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" \
      -o "$out" ./cmd/tofu); then
    rm -f "$out"
    die "building OpenTofu $OPENTOFU_VERSION failed (see the go output above)"
  fi
  usable "$out" || {
    rm -f "$out"
    die "the freshly built $out does not run"
  }
  mv -f "$out" "$tofu_bin"
  log "built OpenTofu $(cli_version "$tofu_bin") in $((SECONDS - start))s"
}

find_cli() {
  local cand v

  # 1. Explicit choice.
  if [ -n "${TF_ACC_TERRAFORM_PATH:-}" ]; then
    if [ -f "$TF_ACC_TERRAFORM_PATH" ] && [ -x "$TF_ACC_TERRAFORM_PATH" ]; then
      cand="$(abspath "$TF_ACC_TERRAFORM_PATH")"
      log "using TF_ACC_TERRAFORM_PATH=$cand"
      echo "$cand"
      return 0
    fi
    log "warning: TF_ACC_TERRAFORM_PATH=$TF_ACC_TERRAFORM_PATH is not an executable file; ignoring it"
  fi

  # 2. A recent enough Terraform on PATH.
  if cand="$(command -v terraform 2>/dev/null)"; then
    cand="$(abspath "$cand")"
    v="$(cli_version "$cand")"
    if [ -z "$v" ]; then
      log "ignoring $cand: \`terraform version -json\` did not report a version"
    elif version_ge "$v" "$TERRAFORM_MIN_VERSION"; then
      log "using $cand (version $v)"
      echo "$cand"
      return 0
    else
      log "ignoring $cand: version $v is older than $TERRAFORM_MIN_VERSION"
    fi
  fi

  # 3. OpenTofu on PATH.
  if cand="$(command -v tofu 2>/dev/null)"; then
    cand="$(abspath "$cand")"
    if usable "$cand"; then
      log "using $cand (OpenTofu $(cli_version "$cand"))"
      echo "$cand"
      return 0
    fi
    log "ignoring $cand: it does not run"
  fi

  # 4. A previous build.
  if [ -x "$tofu_bin" ] && usable "$tofu_bin"; then
    log "using $tofu_bin (OpenTofu $(cli_version "$tofu_bin"))"
    echo "$tofu_bin"
    return 0
  fi

  # 5. Build it.
  build_opentofu
  echo "$tofu_bin"
}

case "${1:-}" in
  "")
    find_cli
    ;;
  --kind)
    if [ -n "${2:-}" ]; then
      [ -x "$2" ] || die "$2 is not executable"
      cli_kind "$2"
    else
      cli="$(find_cli)"
      cli_kind "$cli"
    fi
    ;;
  -h | --help)
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//' >&2
    ;;
  *)
    die "unknown argument: $1 (try --help)"
    ;;
esac
