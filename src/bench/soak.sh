#!/usr/bin/env bash
# Memory soak benchmark (issue: flat memory overnight). Runs search-spaces/soak.yaml and samples the
# JVM's resident set size once a second against the number of journaled candidates, then reports the
# growth after the first 50 candidates. Usage: bash src/bench/soak.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${1:-/tmp/plateau-soak}"
rm -rf "$OUT"
# --max-restarts 0: the study runs in this JVM (not a supervised child), so $PID is the process measured
./plateau search search-spaces/soak.yaml --out "$OUT" --max-restarts 0 > "$OUT.log" 2>&1 &
PID=$!
SAMPLES="$OUT.rss.csv"
echo "seconds,candidates,rss_mb" > "$SAMPLES"
START=$(date +%s)
while kill -0 "$PID" 2>/dev/null; do
  RSS_KB=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status" 2>/dev/null || echo "")
  N=$( [ -f "$OUT/journal.jsonl" ] && wc -l < "$OUT/journal.jsonl" || echo 0)
  [ -n "$RSS_KB" ] && echo "$(( $(date +%s) - START )),$N,$(( RSS_KB / 1024 ))" >> "$SAMPLES"
  sleep 1
done
wait "$PID"
python3 - "$SAMPLES" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1]))]
n = [int(r["candidates"]) for r in rows]; rss = [int(r["rss_mb"]) for r in rows]
base_i = next(i for i, c in enumerate(n) if c >= 50)
base = rss[base_i]; peak_after = max(rss[base_i:]); final = rss[-1]
print(f"candidates={n[-1]} samples={len(rows)} rss_at_50={base}MB peak_after_50={peak_after}MB "
      f"final={final}MB growth_after_50={100 * (peak_after - base) / base:.1f}%")
PY
