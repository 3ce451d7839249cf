#!/usr/bin/env bash
# The Spark engine against the local one (docs/benchmarks.md, "Spark engine"), side by side in one run:
#  1. the quickstart with the local engine (2 workers) and with Spark local[2]: wall time, busy share,
#     and the per-task overhead; the two studies' results must be identical;
#  2. a CNN-only study on local-cluster[1,1,2048] and local-cluster[2,1,2048] (separate executor JVMs):
#     trainings per minute of search with 1 and 2 executors.
# The jars are copied first, so editing the sources meanwhile cannot rebuild them under a running study.
# Usage: bash src/bench/spark_engine.sh [OUT=/tmp/plateau-spark-bench] [all|cnn]
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${1:-/tmp/plateau-spark-bench}"
PART="${2:-all}"
rm -rf "$OUT" && mkdir -p "$OUT/jars"
./plateau --version --engine spark >/dev/null 2>&1 || true   # builds the jar with the Spark engine once
cp -r target/plateau.jar target/lib target/spark-lib "$OUT/jars/"
export OMP_NUM_THREADS=1 SPARK_SCALA_VERSION=2.12
OPENS=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  OPENS+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
plateau() {
  java -Xmx6g -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -Dorg.bytedeco.javacpp.cachedir="$HOME/.cache/plateau-javacpp" "${OPENS[@]}" \
    -cp "$OUT/jars/plateau.jar:$OUT/jars/lib/*:$OUT/jars/spark-lib/*" dev.plateau.cli.PlateauCommand "$@" --max-restarts 0 --verify off
}
timed() {  # name, then the command's arguments: wall time, trainings, busy share, summed task time, search time
  local name="$1"; shift
  local t0=$(date +%s.%N)
  plateau "$@" > "$OUT/$name.log" 2>&1
  local t1=$(date +%s.%N)
  local dir="$OUT/${name}"
  python3 - "$name" "$dir" "$(echo "$t1 - $t0" | bc)" <<'PY'
import csv, re, sys, datetime
name, folder, wall = sys.argv[1], sys.argv[2], float(sys.argv[3])
rows = list(csv.DictReader(open(folder + '/candidates.csv')))
tasks = sum(float(r['total_seconds']) for r in rows)
stamp = lambda line: datetime.datetime.strptime(line[:23], '%Y-%m-%dT%H:%M:%S,%f')
log = open(folder + '/plateau.log').read().splitlines()
# the search runs from the engine being open (Spark: its first line; local: the study's first line) to the last result
start = next((stamp(l) for l in log if 'Spark engine on' in l), stamp(log[0]))
end = max(stamp(l) for l in log if ' done ' in l or 'generation' in l)
search = (end - start).total_seconds()
done = open(folder + '/../' + name + '.log').read()
busy = re.search(r'workers busy (\d+) %', done)
print(f"{name:18s} wall {wall:6.1f} s  {len(rows):3d} trainings  task time {tasks:6.1f} s  search {search:6.1f} s"
      f"  {60 * len(rows) / search:5.1f} trainings/min  busy {busy.group(1) if busy else '?'} %")
PY
}
no_seconds() { python3 - "$1" <<'PY'
import csv, sys
for row in csv.DictReader(open(sys.argv[1])):
    print({k: v for k, v in row.items() if not k.endswith('_seconds')})
PY
}

if [ "$PART" = all ]; then
echo "== quickstart: local engine vs Spark local[2]"
timed quickstart-local search search-spaces/quickstart.yaml --out "$OUT/quickstart-local" --workers 2
timed quickstart-spark search search-spaces/quickstart.yaml --out "$OUT/quickstart-spark" --engine spark --master 'local[2]'
if diff <(no_seconds "$OUT/quickstart-local/candidates.csv") <(no_seconds "$OUT/quickstart-spark/candidates.csv") >/dev/null \
   && diff "$OUT/quickstart-local/pareto.csv" "$OUT/quickstart-spark/pareto.csv" >/dev/null; then
  echo "results identical (candidates.csv without _seconds, pareto.csv)"
else
  echo "RESULTS DIFFER"
fi
fi

cat > "$OUT/cnn.yaml" <<'YAML'
study: {name: spark-cnn, seed: 3}
dataset:
  calo: {variant: A, events: 8000, target: energy}
architecture:
  families: [cnn]
  conv_layers: {min: 1, max: 2}
  conv_filters: [8, 16, 32]
  dense_layers: {min: 1, max: 1}
  dense_widths: [16, 32, 64]
  activations: [relu]
training:
  learning_rates: [0.001, 0.003, 0.01]
  batch_sizes: [64]
  epochs: [16]
  seeds: 1
search:
  population: 24
  generations: 4
  objectives: [{name: val_loss}, {name: macs}]
YAML
echo "== CNN study: local-cluster with 1 and 2 executors (one core each), and the local engine"
timed cnn-1-executor search "$OUT/cnn.yaml" --out "$OUT/cnn-1-executor" --engine spark --master 'local-cluster[1,1,2048]'
timed cnn-2-executors search "$OUT/cnn.yaml" --out "$OUT/cnn-2-executors" --engine spark --master 'local-cluster[2,1,2048]'
timed cnn-local-1 search "$OUT/cnn.yaml" --out "$OUT/cnn-local-1" --workers 1
timed cnn-local-2 search "$OUT/cnn.yaml" --out "$OUT/cnn-local-2" --workers 2
