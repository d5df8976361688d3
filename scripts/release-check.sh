#!/usr/bin/env bash
# Build an unsigned snapshot release with goreleaser into dist/ and check that
# it is exactly what the Terraform Registry needs.
#
# Usage:
#   scripts/release-check.sh            goreleaser check, snapshot build, checks
#   scripts/release-check.sh --targets  print the release targets (GOOS/GOARCH),
#                                       one a line (make test vets each)
#   scripts/release-check.sh --goreleaser
#                                       print the path of the goreleaser binary,
#                                       building it first when missing
#   scripts/release-check.sh --check-dist
#                                       only check an existing dist/ (e.g. after
#                                       a real `goreleaser release`)
#
# What is checked in dist/ (VERSION is the snapshot version):
#   - one terraform-provider-mongodbatlas_VERSION_OS_ARCH.zip per target in
#     release_targets below, and no other zip: adding a target to
#     .goreleaser.yml without adding it here fails, so every target stays vetted;
#   - each zip holds the provider binary terraform-provider-mongodbatlas_vVERSION
#     (.exe on Windows), built for that OS and architecture, and nothing else but
#     the license, readme and changelog;
#   - terraform-provider-mongodbatlas_VERSION_SHA256SUMS lists every zip and
#     terraform-provider-mongodbatlas_VERSION_manifest.json, nothing else, and
#     every checksum matches (the manifest's is checked against
#     terraform-registry-manifest.json, which the release uploads under that name);
#   - the signing step signs the checksums file into _SHA256SUMS.sig (read from
#     .goreleaser.yml: the snapshot skips signing, there is no key here).
#
# goreleaser is built once from the Go module proxy into
# <repo>/bin/goreleaser-$GORELEASER_VERSION (git ignores bin/).
set -euo pipefail

# v2.15.1 is the newest goreleaser that builds with Go 1.26 from the module
# proxy (v2.18.2 and newer need a newer Go).
GORELEASER_VERSION="${GORELEASER_VERSION:-v2.15.1}"
LOCK_WAIT_SECONDS="${TERRAFORM_CLI_LOCK_WAIT:-3600}"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
bindir="$repo/bin"
dist="$repo/dist"
name=terraform-provider-mongodbatlas

log() { printf 'release-check: %s\n' "$*" >&2; }
die() {
  printf 'release-check: ERROR: %s\n' "$*" >&2
  exit 1
}

# The targets .goreleaser.yml builds (its goos x goarch minus ignore).
release_targets() {
  cat <<'EOF'
linux/amd64
linux/arm64
linux/386
linux/arm
darwin/amd64
darwin/arm64
windows/amd64
windows/arm64
windows/386
freebsd/amd64
freebsd/arm64
freebsd/386
freebsd/arm
EOF
}

goreleaser_bin() {
  local bin="$bindir/goreleaser-$GORELEASER_VERSION"
  if [ -x "$bin" ]; then
    echo "$bin"
    return 0
  fi
  command -v go >/dev/null 2>&1 || die "Go is needed to build goreleaser"
  mkdir -p "$bindir"
  exec 8>"$bindir/.goreleaser-build.lock"
  flock -w "$LOCK_WAIT_SECONDS" 8 || die "timed out waiting for another goreleaser build"
  if [ ! -x "$bin" ]; then
    log "building goreleaser $GORELEASER_VERSION from the Go module proxy into $bin (once; a few minutes cold)"
    local tmp start=$SECONDS
    tmp="$(mktemp -d "$bindir/.goreleaser.XXXXXX")"
    # Outside the repository, so that its go.mod is not involved.
    # Plain `go install`: no build flags, so the build cache of an earlier
    # build (another clone, CI on the same machine) is reused.
    if ! (cd "$tmp" && GOFLAGS= GOBIN="$tmp" go install "github.com/goreleaser/goreleaser/v2@$GORELEASER_VERSION"); then
      rm -rf "$tmp"
      die "building goreleaser $GORELEASER_VERSION failed (see the go output above)"
    fi
    mv -f "$tmp/goreleaser" "$bin"
    rm -rf "$tmp"
    log "built goreleaser in $((SECONDS - start))s"
  fi
  exec 8>&-
  echo "$bin"
}

# file_type_patterns OS ARCH: two regexps (OS, architecture) that `file`
# output for such a binary matches.
file_type_patterns() {
  case "$1" in
    linux) echo '^ELF .*\((SYSV|GNU/Linux)\)' ;;
    freebsd) echo '^ELF .*\(FreeBSD\)' ;;
    darwin) echo '^Mach-O ' ;;
    windows) echo '^PE32.* for MS Windows' ;;
  esac
  case "$1/$2" in
    windows/amd64) echo '^PE32\+ .*x86-64' ;;
    windows/386) echo '^PE32 .*Intel (80386|i386)' ;;
    windows/arm64) echo '^PE32\+ .*(Aarch64|ARM64)' ;;
    darwin/amd64) echo '64-bit x86_64' ;;
    darwin/arm64) echo '64-bit arm64' ;;
    */amd64) echo '64-bit .*x86-64' ;;
    */arm64) echo '64-bit .*aarch64' ;;
    */386) echo '32-bit .*Intel (80386|i386)' ;;
    */arm) echo '32-bit .*ARM, EABI5' ;;
  esac
}

check_signs_config() {
  local cfg="$repo/.goreleaser.yml" signs
  signs="$(sed -n '/^signs:/,/^[a-z]/p' "$cfg")"
  printf '%s\n' "$signs" | grep -qE '^[[:space:]]+-?[[:space:]]*artifacts:[[:space:]]*checksum[[:space:]]*$' ||
    die ".goreleaser.yml: signs must sign the checksum file (artifacts: checksum); the registry verifies _SHA256SUMS.sig"
  # goreleaser names the signature ${artifact}.sig unless told otherwise.
  if printf '%s\n' "$signs" | grep -qE '^[[:space:]]+signature:'; then
    printf '%s\n' "$signs" | grep -qE 'signature:[[:space:]]*"?\$\{artifact\}\.sig"?[[:space:]]*$' ||
      die ".goreleaser.yml: the signature must be named \${artifact}.sig (the registry expects ..._SHA256SUMS.sig)"
  fi
  printf '%s\n' "$signs" | grep -q -- '--detach-sign' ||
    die ".goreleaser.yml: the signature must be a detached GPG signature (--detach-sign)"
  sed -n '/^release:/,/^[a-z]/p' "$cfg" | grep -q 'name_template: "{{ .ProjectName }}_{{ .Version }}_manifest.json"' ||
    die ".goreleaser.yml: the release must upload terraform-registry-manifest.json as ${name}_VERSION_manifest.json"
}

check_dist() {
  local version failed=0
  version="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$dist/metadata.json")"
  [ -n "$version" ] && [ "$version" != null ] || die "dist/metadata.json has no version"
  log "checking dist/ for version $version"
  local sums="${name}_${version}_SHA256SUMS" manifest="${name}_${version}_manifest.json"

  fail() {
    printf 'release-check: FAIL: %s\n' "$*" >&2
    failed=1
  }

  # Zips: exactly one per target.
  local expected actual
  expected="$(release_targets | sed "s#^\(.*\)/\(.*\)\$#${name}_${version}_\1_\2.zip#" | sort)"
  actual="$(cd "$dist" && find . -maxdepth 1 -name '*.zip' -printf '%f\n' | sort)"
  if [ "$expected" != "$actual" ]; then
    fail "the zips in dist/ are not one per release target:"
    diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") | sed 's/^/    /' >&2 || true
  fi

  # Each zip: the binary for its target, plus the license, readme and changelog.
  local target os arch zip bin listing unexpected scratch type pattern
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/release-check.XXXXXX")"
  # shellcheck disable=SC2064 # expand now
  trap "rm -rf '$scratch'" EXIT
  while IFS=/ read -r os arch; do
    zip="${name}_${version}_${os}_${arch}.zip"
    [ -f "$dist/$zip" ] || continue
    bin="${name}_v${version}"
    [ "$os" = windows ] && bin="$bin.exe"
    listing="$(unzip -Z1 "$dist/$zip")"
    if ! printf '%s\n' "$listing" | grep -qxF "$bin"; then
      fail "$zip does not contain $bin (it has: $(printf '%s' "$listing" | tr '\n' ' '))"
      continue
    fi
    unexpected="$(printf '%s\n' "$listing" | grep -vxF -e "$bin" -e LICENSE -e README.md -e CHANGELOG.md || true)"
    [ -z "$unexpected" ] || fail "$zip contains unexpected files: $(printf '%s' "$unexpected" | tr '\n' ' ')"
    unzip -q -o "$dist/$zip" "$bin" -d "$scratch/$os-$arch"
    type="$(file -b "$scratch/$os-$arch/$bin")"
    while read -r pattern; do
      printf '%s\n' "$type" | grep -qE "$pattern" || {
        fail "$zip: $bin is not a $os/$arch executable: $type"
        break
      }
    done < <(file_type_patterns "$os" "$arch")
    if [ "$os" != windows ] && [ "$(unzip -Z -l "$dist/$zip" "$bin" | awk 'NR==1 { print substr($1, 4, 1) }')" != x ]; then
      fail "$zip: $bin is not executable in the zip"
    fi
  done < <(release_targets)

  # Checksums: every zip and the manifest, nothing else, all matching.
  if [ ! -f "$dist/$sums" ]; then
    fail "dist/$sums is missing"
  else
    expected="$(printf '%s\n%s\n' "$actual" "$manifest" | sed '/^$/d' | sort)"
    local listed
    listed="$(awk '{ print $2 }' "$dist/$sums" | sed 's/^\*//' | sort)"
    if [ "$expected" != "$listed" ]; then
      fail "$sums does not list exactly the zips and the manifest:"
      diff <(printf '%s\n' "$expected") <(printf '%s\n' "$listed") | sed 's/^/    /' >&2 || true
    fi
    grep -v "  $manifest\$" "$dist/$sums" >"$scratch/zips.sums"
    (cd "$dist" && sha256sum --quiet -c "$scratch/zips.sums") >&2 || fail "a zip does not match its checksum in $sums"
    local want got
    want="$(awk -v m="$manifest" '$2 == m { print $1 }' "$dist/$sums")"
    got="$(sha256sum <"$repo/terraform-registry-manifest.json" | awk '{ print $1 }')"
    [ "$want" = "$got" ] || fail "$sums lists $manifest as $want, but terraform-registry-manifest.json is $got"
  fi

  # Nothing else is published: goreleaser's artifact list holds the binaries
  # (inside the zips), the zips and the checksums file, besides its own
  # bookkeeping (Metadata: dist/metadata.json, which is never uploaded).
  unexpected="$(python3 -c '
import json, sys
for a in json.load(open(sys.argv[1])):
    if a["type"] not in ("Binary", "Archive", "Checksum", "Metadata"):
        print(a["type"], a["name"])' "$dist/artifacts.json")"
  [ -z "$unexpected" ] || fail "goreleaser made unexpected artifacts: $(printf '%s' "$unexpected" | tr '\n' ';')"

  [ "$failed" = 0 ] || die "the snapshot release in dist/ is not what the registry needs"
  log "dist/ holds $(printf '%s\n' "$actual" | wc -l) zips, $sums and the manifest's checksum: as the registry needs"
}

case "${1:-}" in
  --targets)
    release_targets
    exit 0
    ;;
  --goreleaser)
    goreleaser_bin
    exit 0
    ;;
  --check-dist)
    check_signs_config
    check_dist
    exit 0
    ;;
  -h | --help)
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//' >&2
    exit 0
    ;;
  "") ;;
  *) die "unknown argument: $1 (try --help)" ;;
esac

check_signs_config
gr="$(goreleaser_bin)"
cd "$repo"
log "goreleaser check"
"$gr" check
log "goreleaser release --snapshot --clean --skip=sign (into dist/)"
start=$SECONDS
"$gr" release --snapshot --clean --skip=sign
log "snapshot built in $((SECONDS - start))s"
check_dist
