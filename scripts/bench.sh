#!/usr/bin/env bash
# Benchmarks (`make bench`): end-to-end runs of the bench/ configurations with
# a real Terraform CLI against atlas-sim (dev_overrides, no init), then the Go
# micro-benchmarks. BENCHMARKS.md explains the figures.
#
# Environment (defaults in brackets):
#   BENCH_RUNS         runs per figure, median reported [3]
#   BENCH_LATENCY      atlas-sim -latency per request [50ms]
#   BENCH_TRANSITION   atlas-sim -transition (CREATING->IDLE, DELETING->gone) [3s]
#   BENCH_SIZES        instance counts [1,50]
#   BENCH_RESOURCES    configurations under bench/ [project,flexcluster,serverlessinstance,databaseuser,projectipaccesslist]
#   BENCH_PARALLELISM  CLI -parallelism [10]; at least the size for N instances to
#                      wait together (the waiting table's shared status reads)
#   BENCH_SERVERLESS_WORLD_DATE  world date of the serverless runs [2024-12-01, the
#                      serverless API era; empty = today]
#   BENCH_E2E          run the end-to-end benchmarks [1]
#   BENCH_GO           run the Go benchmarks [1]; BENCH_GO_TIME: their -benchtime [1s]
#   BENCH_OUT          also write the report (Markdown) to this file
#   TF_ACC_TERRAFORM_PATH  CLI to use (see scripts/terraform-cli.sh)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$repo"

runs="${BENCH_RUNS:-3}"
latency="${BENCH_LATENCY:-50ms}"
transition="${BENCH_TRANSITION:-3s}"
sizes="${BENCH_SIZES:-1,50}"
resources="${BENCH_RESOURCES:-project,flexcluster,serverlessinstance,databaseuser,projectipaccesslist}"
parallelism="${BENCH_PARALLELISM:-10}"
serverless_date="${BENCH_SERVERLESS_WORLD_DATE-2024-12-01}"
e2e="${BENCH_E2E:-1}"
go_bench="${BENCH_GO:-1}"
go_benchtime="${BENCH_GO_TIME:-1s}"

work="$(mktemp -d "${TMPDIR:-/tmp}/mongodbatlas-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
report="$work/report.md"

echo "==> finding a Terraform-compatible CLI" >&2
cli="$(scripts/terraform-cli.sh)"
kind="$(scripts/terraform-cli.sh --kind "$cli")"

echo "==> building the provider (stripped: -trimpath -ldflags '-s -w'), atlas-sim and the driver" >&2
mkdir -p "$work/plugins"
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$work/plugins/terraform-provider-mongodbatlas" .
go build -o "$work/atlas-sim" ./cmd/atlas-sim
go build -o "$work/driver" ./bench/driver

{
  echo "# Benchmark report"
  echo
  echo "Machine: $(nproc) CPU(s), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(awk '/^MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM; $(go version | cut -d' ' -f3-)."
} >"$report"

if [ "$e2e" = 1 ]; then
  echo "==> end-to-end: resources=$resources sizes=$sizes runs=$runs latency=$latency transition=$transition parallelism=$parallelism" >&2
  "$work/driver" \
    -repo "$repo" -cli "$cli" -cli-kind "$kind" \
    -provider-dir "$work/plugins" -sim "$work/atlas-sim" \
    -runs "$runs" -latency "$latency" -transition "$transition" \
    -sizes "$sizes" -resources "$resources" -parallelism "$parallelism" \
    -serverless-world-date "$serverless_date" >>"$report"
fi

if [ "$go_bench" = 1 ]; then
  echo "==> Go benchmarks (-benchtime $go_benchtime, -count $runs)" >&2
  {
    echo
    echo "## Go benchmarks"
    echo
    echo '```'
    go test -run '^$' -bench . -skip WaitSchedule -benchmem -benchtime "$go_benchtime" -count "$runs" \
      ./internal/atlas ./internal/resources/tags ./internal/resources/project ./internal/resources/flexcluster |
      grep -E '^(Benchmark|goos|goarch|cpu|pkg|ok|FAIL)' || true
    echo '```'
    echo
    echo "Poll schedule of the waiter (virtual clock, deterministic: one iteration; see BenchmarkWaitSchedule):"
    echo
    echo '```'
    go test -run '^$' -bench WaitSchedule -benchtime 1x -count 1 ./internal/atlas |
      sed -n 's/^BenchmarkWaitSchedule\/\([^ \t]*\)-[0-9]*[ \t].*[ \t]\([0-9.]*\) lag-s[ \t]*\([0-9.]*\) polls.*/\1  lag \2 s  polls \3/p'
    echo '```'
  } >>"$report"
fi

cat "$report"
if [ -n "${BENCH_OUT:-}" ]; then
  cp "$report" "$BENCH_OUT"
  echo "report written to $BENCH_OUT" >&2
fi
