#!/usr/bin/env bash
# Training throughput side by side (issue #3): Plateau and PyTorch on the same two reference models,
# interleaved ROUNDS times in one run so both see the same machine state; prints each line and then the
# medians and the ratio Plateau / PyTorch per model, plus Plateau with two networks trained at once.
# Needs Debian's PyTorch: apt-get install python3-torch.
# Usage: bash src/bench/train_vs_torch.sh [ROUNDS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
export OMP_NUM_THREADS=1
rounds=${1:-3}
out=$(mktemp)
for r in $(seq "$rounds"); do
  ./plateau bench train | sed 's/^/plateau /' | tee -a "$out"
  /usr/bin/python3 src/bench/torch_reference.py | sed 's/^/torch /' | tee -a "$out"
  ./plateau bench train --concurrent 2 | sed 's/^/plateau2 /' | tee -a "$out"
done
python3 - "$out" <<'PY'
import re, statistics, sys
rates = {}
for line in open(sys.argv[1]):
    who, model = line.split()[:2]
    rates.setdefault((who, model), []).append(float(re.search(r"samples_per_s=(\d+)", line).group(1)))
for model in ("calo_cnn", "mlp"):
    p, t, p2 = (statistics.median(rates[(w, model)]) for w in ("plateau", "torch", "plateau2"))
    print(f"{model}: plateau {p:.0f}, torch {t:.0f} samples/s (medians of {len(rates[('plateau', model)])}) -> "
          f"{p / t:.2f}x; two networks at once {p2:.0f} -> {p2 / p:.2f}x one thread")
PY
rm -f "$out"
