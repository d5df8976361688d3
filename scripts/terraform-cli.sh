#!/usr/bin/env bash
# Locate (or build) a Terraform-compatible CLI for acceptance tests, the demo
# and docs generation.
#
# Usage (only the result goes to stdout, one line; everything else to stderr):
#   scripts/terraform-cli.sh           any usable CLI (search order below)
#   scripts/terraform-cli.sh --newest  $TF_ACC_TERRAFORM_PATH if set, else
#                                      Terraform $TERRAFORM_VERSION in <repo>/bin,
#                                      built when missing (docs need >= 1.14)
#   scripts/terraform-cli.sh --terraform VERSION
#                                      Terraform VERSION in <repo>/bin, built
#                                      when missing (e.g. --terraform v1.8.5)
#   scripts/terraform-cli.sh --oldest  --terraform $TERRAFORM_OLDEST_VERSION
#   scripts/terraform-cli.sh --tofu    `tofu` on PATH, else <repo>/bin/tofu,
#                                      built when missing
#   scripts/terraform-cli.sh --on-path the CLI on PATH (terraform >= the
#                                      minimum, else tofu), or nothing
#   scripts/terraform-cli.sh --kind [PATH]
#                                      "terraform" or "tofu" (for PATH, or for
#                                      the CLI the plain search finds)
#   scripts/terraform-cli.sh --version PATH
#                                      the bare version of PATH ("1.14.9")
#
# Search order without options:
#   1. $TF_ACC_TERRAFORM_PATH, if set and executable
#   2. `terraform` on PATH, if its version is >= $TERRAFORM_MIN_VERSION (1.8)
#   3. `tofu` on PATH
#   4. <repo>/bin/terraform-<TERRAFORM_VERSION> or <repo>/bin/tofu, if built before
#   5. build OpenTofu $OPENTOFU_VERSION from the Go module proxy into
#      <repo>/bin/tofu
#
# Builds come from the Go module proxy, run at most once at a time per CLI
# (lock files in <repo>/bin) and are kept in <repo>/bin, which git ignores.
# Cold (empty module and build cache, 2 cores) OpenTofu takes about 10 minutes
# and Terraform about 5; each needs a few GB of module cache.
#
# Neither can be installed with `go install` (replace directives in their
# go.mod), so the module source is copied to a scratch directory and built
# there with -mod=mod. Terraform's go.mod also replaces its remote-state backend
# modules and internal/legacy with directories the module zip does not contain:
# those replace/require lines are dropped, and every remote-state backend except
# http and inmem is left out of internal/backend/init (the CLI keeps the local,
# remote, cloud, http and inmem backends, all the tests need). Terraform is
# BUSL-licensed: it is built here only to test against; never ship or commit it.
#
# OpenTofu v1.12.6 needs Go >= 1.26.6; with an older local Go the go command
# fetches that toolchain from the proxy (unless GOTOOLCHAIN says otherwise).
set -euo pipefail

OPENTOFU_VERSION="${OPENTOFU_VERSION:-v1.12.6}"
# The newest Terraform the tests target; the proxy also serves 1.15 and later.
TERRAFORM_VERSION="${TERRAFORM_VERSION:-v1.14.9}"
# The oldest Terraform the provider claims to support (moved blocks across
# resource types need 1.8).
TERRAFORM_OLDEST_VERSION="${TERRAFORM_OLDEST_VERSION:-v1.8.5}"
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

# terraform_bin VERSION: where Terraform VERSION is built ("v" optional).
terraform_bin() {
  printf '%s/terraform-%s\n' "$bindir" "${1#v}"
}

# build_from_proxy NAME MODULE VERSION OUT PKG LDFLAGS [PREPARE]: download
# MODULE@VERSION from the Go module proxy, copy it to a scratch directory, run
# the PREPARE function there, and build PKG into OUT. One build per OUT at a
# time; a build finished by another process while waiting is reused.
build_from_proxy() {
  local name="$1" module="$2" version="$3" out="$4" pkg="$5" ldflags="$6" prepare="${7:-}"
  command -v go >/dev/null 2>&1 || die "$name is needed but Go is not installed, so it cannot be built. Install it, or set TF_ACC_TERRAFORM_PATH."
  command -v flock >/dev/null 2>&1 || die "flock(1) is required to build $name safely (Debian package util-linux)"

  mkdir -p "$bindir"
  local lock="$bindir/.$(basename "$out")-build.lock"
  exec 9>"$lock"
  if ! flock -n 9; then
    log "another process is building $name; waiting for it (up to ${LOCK_WAIT_SECONDS}s)"
    flock -w "$LOCK_WAIT_SECONDS" 9 || die "timed out after ${LOCK_WAIT_SECONDS}s waiting for lock $lock"
  fi

  # Someone else may have finished the build while we waited.
  if [ -x "$out" ] && usable "$out"; then
    log "using $out (built by another process)"
    exec 9>&-
    return 0
  fi

  local scratch
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/cli-build.XXXXXX")"
  # shellcheck disable=SC2064 # expand now: the variable is local
  trap "chmod -R u+w '$scratch' 2>/dev/null; rm -rf '$scratch'" EXIT

  log "building $name $version from the Go module proxy into $out (once; several minutes on a cold machine)"
  local start=$SECONDS json dir
  # Run outside any module so that nothing in the repository is touched.
  if ! json="$(cd "$scratch" && GO111MODULE=on GOFLAGS= go mod download -json "$module@$version")"; then
    printf '%s\n' "$json" >&2
    die "go mod download $module@$version failed (is the Go module proxy reachable? GOPROXY=$(go env GOPROXY))"
  fi
  dir="$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir":[[:space:]]*"\(.*\)",\{0,1\}$/\1/p' | head -n1)"
  [ -n "$dir" ] && [ -d "$dir" ] || {
    printf '%s\n' "$json" >&2
    die "go mod download did not report a source directory for $module@$version"
  }
  log "module source: $dir"

  cp -R "$dir" "$scratch/src"
  chmod -R u+w "$scratch/src"
  if [ -n "$prepare" ]; then
    (cd "$scratch/src" && "$prepare") || die "preparing the $name source for the build failed"
  fi

  local tmp="$out.tmp.$$"
  if ! (cd "$scratch/src" &&
    GOFLAGS="${GOFLAGS:+$GOFLAGS }-mod=mod" CGO_ENABLED=0 GOTOOLCHAIN="${GOTOOLCHAIN:-auto}" \
      go build -trimpath -ldflags "$ldflags" -o "$tmp" "$pkg"); then
    rm -f "$tmp"
    die "building $name $version failed (see the go output above)"
  fi
  usable "$tmp" || {
    rm -f "$tmp"
    die "the freshly built $tmp does not run"
  }
  mv -f "$tmp" "$out"
  log "built $name $(cli_version "$out") in $((SECONDS - start))s"
  chmod -R u+w "$scratch" 2>/dev/null
  rm -rf "$scratch"
  trap - EXIT
  exec 9>&-
}

# prepare_terraform (in the copied module source): drop the replace/require
# lines that point at directories the module zip lacks, and the remote-state
# backends other than http and inmem from internal/backend/init (which is the
# only package that imports them).
prepare_terraform() {
  local mod path
  while read -r mod path; do
    if [ ! -d "$path" ]; then
      go mod edit -dropreplace="$mod" -droprequire="$mod"
    fi
  done < <(sed -n -E 's#^(replace[[:space:]]+)?[[:space:]]*(github\.com/hashicorp/terraform/[^[:space:]]+)[[:space:]]+=>[[:space:]]+(\./[^[:space:]]+)[[:space:]]*$#\2 \3#p' go.mod)

  local init=internal/backend/init/init.go aliases
  [ -f "$init" ] || die "$init is missing: this Terraform version is laid out differently"
  aliases="$(sed -n -E 's#^[[:space:]]*([A-Za-z0-9_]+)[[:space:]]+"github\.com/hashicorp/terraform/internal/backend/remote-state/([a-z0-9]+)"$#\1 \2#p' "$init" |
    awk '$2 != "http" && $2 != "inmem" { print $1 }' | paste -sd'|')"
  if [ -n "$aliases" ]; then
    sed -i -E "/(^|[^A-Za-z0-9_])($aliases)[ .]/d" "$init"
  fi
}

build_terraform() {
  local version="v${1#v}"
  build_from_proxy Terraform github.com/hashicorp/terraform "$version" "$(terraform_bin "$version")" . \
    "-s -w -X github.com/hashicorp/terraform/version.dev=no" prepare_terraform
}

build_opentofu() {
  build_from_proxy OpenTofu github.com/opentofu/opentofu "$OPENTOFU_VERSION" "$tofu_bin" ./cmd/tofu \
    "-s -w -X github.com/opentofu/opentofu/version.dev=no"
}

# terraform_version VERSION: Terraform VERSION from <repo>/bin, built if missing.
terraform_version() {
  local bin
  bin="$(terraform_bin "$1")"
  if ! { [ -x "$bin" ] && usable "$bin"; }; then
    build_terraform "$1"
  fi
  log "using $bin (Terraform $(cli_version "$bin"))"
  echo "$bin"
}

# explicit_cli: $TF_ACC_TERRAFORM_PATH as an absolute path, or nothing.
explicit_cli() {
  [ -n "${TF_ACC_TERRAFORM_PATH:-}" ] || return 0
  if [ -f "$TF_ACC_TERRAFORM_PATH" ] && [ -x "$TF_ACC_TERRAFORM_PATH" ]; then
    log "using TF_ACC_TERRAFORM_PATH=$(abspath "$TF_ACC_TERRAFORM_PATH")"
    abspath "$TF_ACC_TERRAFORM_PATH"
    return 0
  fi
  log "warning: TF_ACC_TERRAFORM_PATH=$TF_ACC_TERRAFORM_PATH is not an executable file; ignoring it"
}

# path_cli: `terraform` on PATH (>= the minimum), else `tofu` on PATH, or nothing.
path_cli() {
  local cand v
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
  if cand="$(command -v tofu 2>/dev/null)"; then
    cand="$(abspath "$cand")"
    if usable "$cand"; then
      log "using $cand (OpenTofu $(cli_version "$cand"))"
      echo "$cand"
      return 0
    fi
    log "ignoring $cand: it does not run"
  fi
}

tofu_cli() {
  local cand
  if cand="$(command -v tofu 2>/dev/null)"; then
    cand="$(abspath "$cand")"
    if usable "$cand"; then
      log "using $cand (OpenTofu $(cli_version "$cand"))"
      echo "$cand"
      return 0
    fi
    log "ignoring $cand: it does not run"
  fi
  if ! { [ -x "$tofu_bin" ] && usable "$tofu_bin"; }; then
    build_opentofu
  fi
  log "using $tofu_bin (OpenTofu $(cli_version "$tofu_bin"))"
  echo "$tofu_bin"
}

find_cli() {
  local cand
  cand="$(explicit_cli)"
  [ -z "$cand" ] || { echo "$cand"; return 0; }
  cand="$(path_cli)"
  [ -z "$cand" ] || { echo "$cand"; return 0; }
  for cand in "$(terraform_bin "$TERRAFORM_VERSION")" "$tofu_bin"; do
    if [ -x "$cand" ] && usable "$cand"; then
      log "using $cand (version $(cli_version "$cand"))"
      echo "$cand"
      return 0
    fi
  done
  build_opentofu
  echo "$tofu_bin"
}

newest_cli() {
  local cand
  cand="$(explicit_cli)"
  [ -z "$cand" ] || { echo "$cand"; return 0; }
  terraform_version "$TERRAFORM_VERSION"
}

case "${1:-}" in
  "") find_cli ;;
  --newest) newest_cli ;;
  --oldest) terraform_version "$TERRAFORM_OLDEST_VERSION" ;;
  --terraform)
    [ -n "${2:-}" ] || die "--terraform needs a version, e.g. --terraform v1.8.5"
    terraform_version "$2"
    ;;
  --tofu) tofu_cli ;;
  --on-path) path_cli ;;
  --kind)
    if [ -n "${2:-}" ]; then
      [ -x "$2" ] || die "$2 is not executable"
      cli_kind "$2"
    else
      cli="$(find_cli)"
      cli_kind "$cli"
    fi
    ;;
  --version)
    [ -n "${2:-}" ] && [ -x "$2" ] || die "--version needs the path of a CLI"
    v="$(cli_version "$2")"
    [ -n "$v" ] || die "$2 did not report a version"
    echo "$v"
    ;;
  -h | --help)
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//' >&2
    ;;
  *)
    die "unknown argument: $1 (try --help)"
    ;;
esac
