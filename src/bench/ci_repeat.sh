#!/usr/bin/env bash
# Flakiness of the suite (docs/benchmarks.md, "Native crashes"): runs `bash .ci/run` N times, each on a
# fresh clone of this checkout's HEAD with ../shared beside it, as CI does, and prints one line per run.
# Usage: bash src/bench/ci_repeat.sh [N=10] [WORK=/tmp/plateau-ci]
set -uo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
N="${1:-10}"
WORK="${2:-/tmp/plateau-ci}"
mkdir -p "$WORK"
ln -sfn "$(cd "$REPO/../shared" && pwd)" "$WORK/shared"
for i in $(seq 1 "$N"); do
  rm -rf "$WORK/main"
  git clone -q "$REPO" "$WORK/main"
  start=$(date +%s)
  (cd "$WORK/main" && CI=true bash .ci/run < /dev/null > "$WORK/run-$i.log" 2>&1)
  code=$?
  echo "run $i: exit $code, $(( $(date +%s) - start )) s, $(git -C "$WORK/main" rev-parse --short HEAD)," \
       "$(grep -E '^\[(INFO|ERROR|WARNING)\] Tests run:' "$WORK/run-$i.log" | tail -1)"
done
