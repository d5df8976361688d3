#!/usr/bin/env bash
# Fail when the committed docs/ differ from what tfplugindocs generates from
# the current schemas, templates/ and examples/.
#
# Generation happens in a scratch copy of the tree (files known to git plus
# untracked, non-ignored ones; without git: everything except .git, bin, dist),
# so the working tree is never modified.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
max_diff_lines="${DOCS_DIFF_MAX_LINES:-400}"

log() { printf 'docs-check: %s\n' "$*" >&2; }

scratch="$(mktemp -d "${TMPDIR:-/tmp}/docs-check.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
tree="$scratch/tree"
mkdir -p "$tree"

log "copying the source tree to $tree"
if command -v git >/dev/null 2>&1 && git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (
    cd "$repo"
    git ls-files -z --cached --others --exclude-standard |
      while IFS= read -r -d '' f; do
        # Skip tracked files deleted from the working tree.
        [ -e "$f" ] || [ -L "$f" ] || continue
        printf '%s\0' "$f"
      done |
      tar --null -T - -cf -
  ) | tar -xf - -C "$tree"
else
  (cd "$repo" && tar --exclude=./.git --exclude=./bin --exclude=./dist -cf - .) | tar -xf - -C "$tree"
fi

"$repo/scripts/docs.sh" --no-fmt --quiet "$tree"

# Compare under short names so the diff reads committed/... vs generated/...
if [ -d "$repo/docs" ]; then ln -s "$repo/docs" "$scratch/committed"; else mkdir "$scratch/committed"; fi
if [ -d "$tree/docs" ]; then ln -s "tree/docs" "$scratch/generated"; else mkdir "$scratch/generated"; fi
if diff_out="$(cd "$scratch" && diff -ruN committed/ generated/)"; then
  log "docs are up to date"
  exit 0
fi

{
  echo "docs are stale: run make docs"
  echo "(diff: committed = docs/ in the working tree, generated = fresh tfplugindocs output)"
  printf '%s\n' "$diff_out" | head -n "$max_diff_lines"
  lines="$(printf '%s\n' "$diff_out" | wc -l)"
  if [ "$lines" -gt "$max_diff_lines" ]; then
    echo "... ($((lines - max_diff_lines)) more diff lines not shown)"
  fi
  echo "docs are stale: run make docs"
} >&2
exit 1
