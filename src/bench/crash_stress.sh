#!/usr/bin/env bash
# Crash stress (docs/benchmarks.md, "Native crashes"): runs the quickstart space with 2 workers, one
# supervised study per seed (MLPs and CNNs, quantised and float, the regularizer mix), until at least
# MIN candidates were trained, and counts JVM crashes from each study's crashes.jsonl (the supervisor
# heals them, so the run goes on). Extra JVM options go in PLATEAU_JAVA_OPTS, e.g. -Xcheck:jni.
# Usage: bash src/bench/crash_stress.sh [MIN_CANDIDATES=2000] [OUT=/tmp/plateau-crash-stress] [FIRST_SEED=1]
set -euo pipefail
cd "$(dirname "$0")/../.."
MIN="${1:-2000}"
OUT="${2:-/tmp/plateau-crash-stress}"
SEED="${3:-1}"
mkdir -p "$OUT"
total=0; crashes=0; failed=0; studies=0; start=$(date +%s)
while [ "$total" -lt "$MIN" ]; do
  dir="$OUT/seed-$SEED"
  rm -rf "$dir"
  code=0
  ./plateau search search-spaces/quickstart.yaml --seed "$SEED" --workers 2 --out "$dir" > "$dir.log" 2>&1 || code=$?
  n=$(( $(wc -l < "$dir/candidates.csv") - 1 ))
  c=$( [ -f "$dir/crashes.jsonl" ] && wc -l < "$dir/crashes.jsonl" || echo 0)
  f=$(python3 -c "import csv,sys; print(sum(r['status']=='failed' for r in csv.DictReader(open(sys.argv[1]))))" "$dir/candidates.csv")
  total=$((total + n)); crashes=$((crashes + c)); failed=$((failed + f)); studies=$((studies + 1))
  echo "seed $SEED: exit $code, $n candidates ($f failed), $c crashes; total $total candidates, $crashes crashes, $(( $(date +%s) - start )) s"
  [ "$c" -gt 0 ] && cat "$dir/crashes.jsonl"
  SEED=$((SEED + 1))
done
cnn=$(cat "$OUT"/seed-*/candidates.csv | grep -c ',cnn,' || true)
quantised=$(python3 - "$OUT" <<'PY'
import csv, glob, sys
rows = [r for f in glob.glob(sys.argv[1] + "/seed-*/candidates.csv") for r in csv.DictReader(open(f))]
print(sum(r["w_bits"] != "32" for r in rows))
PY
)
echo "crash-stress: $studies studies, $total candidates ($cnn CNNs, $quantised quantised, $failed failed), $crashes JVM crashes, $(( $(date +%s) - start )) s"
