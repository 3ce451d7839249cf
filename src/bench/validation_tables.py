#!/usr/bin/env python3
"""Markdown tables of a `plateau validate` folder, as docs/validation.md shows them.

    python3 src/bench/validation_tables.py results/validate-calo

Cells: Spearman rho (degree sign = the bootstrap 95 % interval includes 0), then in brackets the
partial rho given clean loss, and given clean loss and log params. The target table picks, per
weight-noise and bit-flip family, the proxy with the largest |rho| among those meeting the issue's
target (|rho| >= 0.6, interval excluding 0, partial rho given clean loss >= 0.4 in the same
direction), else the largest |rho| overall.
"""
import csv
import statistics
import sys
from pathlib import Path

FAMILIES = ["weight_layer_range", "weight_multiplicative", "bitflip_msb", "bitflip_random", "bitflip_hessian",
            "ptq", "input_gaussian", "input_salt_pepper"]
TARGETS = FAMILIES[:5]
BASELINES = {"clean_loss", "log_params", "weight_norm"}


def number(text):
    try:
        return float(text)
    except ValueError:
        return float("nan")


def signed(x):
    return "nan" if x != x else f"{x:+.2f}"


def main(folder):
    rows = list(csv.DictReader(open(Path(folder) / "correlations.csv")))
    cells, proxies = {}, []
    for r in rows:
        family = r["robustness"].removesuffix("_score")
        if r["proxy"] not in proxies:
            proxies.append(r["proxy"])
        cells[r["proxy"], family] = r
    print("| proxy | " + " | ".join(FAMILIES) + " |")
    print("|---|" + "---|" * len(FAMILIES))
    for p in proxies:
        out = []
        for f in FAMILIES:
            r = cells.get((p, f))
            if r is None:
                out.append("")
                continue
            rho, low, high = number(r["spearman"]), number(r["spearman_low"]), number(r["spearman_high"])
            mark = "°" if low <= 0 <= high else ""
            if p in BASELINES:
                out.append(f"{signed(rho)}{mark}")
            else:
                out.append(f"{signed(rho)}{mark} ({signed(number(r['partial_spearman_given_clean_loss']))}, "
                           f"{signed(number(r['partial_spearman_given_clean_loss_and_log_params']))})")
        print(f"| `{p}` | " + " | ".join(out) + " |")

    print()
    print("| robustness | best proxy | ρ [95 % CI] | partial ρ given clean loss | given clean loss and size | target |")
    print("|---|---|---|---|---|---|")
    for f in TARGETS:
        candidates = [cells[p, f] for p in proxies if p not in BASELINES and (p, f) in cells]

        def meets(r):
            rho, low, high = number(r["spearman"]), number(r["spearman_low"]), number(r["spearman_high"])
            partial = number(r["partial_spearman_given_clean_loss"])
            return abs(rho) >= 0.6 and not (low <= 0 <= high) and partial * (1 if rho > 0 else -1) >= 0.4

        met = [r for r in candidates if meets(r)]
        best = max(met or candidates, key=lambda r: abs(number(r["spearman"])))
        print(f"| {f} | `{best['proxy']}` | {signed(number(best['spearman']))} [{signed(number(best['spearman_low']))}, "
              f"{signed(number(best['spearman_high']))}] | {signed(number(best['partial_spearman_given_clean_loss']))} | "
              f"{signed(number(best['partial_spearman_given_clean_loss_and_log_params']))} | {'**met**' if met else 'missed'} |")

    population = [r for r in csv.DictReader(open(Path(folder) / "population.csv")) if r["status"] == "ok"]
    total = sum(1 for _ in csv.DictReader(open(Path(folder) / "population.csv")))

    def median(key):
        values = [number(r[key]) for r in population if r.get(key) not in (None, "")]
        values = [v for v in values if v == v]
        return statistics.median(values) if values else float("nan")

    ratios = sorted(number(r["cost_ratio"]) for r in population if number(r["cost_ratio"]) == number(r["cost_ratio"]))
    measured = sum(1 for r in population if number(r.get("weight_noise_risk_measured", "nan")) == 1)
    print()
    print(f"instances: {len(population)} of {total} trained; median clean test metric {median('clean_test_metric'):.3f}")
    print(f"median seconds: training {median('train_seconds'):.2f}, full noise testing {median('noise_testing_seconds'):.2f}, "
          f"default probe {median('noise_curvature_seconds'):.4f}, fault_curvature {median('fault_curvature_seconds'):.4f}, "
          f"hessian_faults {median('hessian_faults_seconds'):.4f}")
    if ratios:
        print(f"cost ratio full testing / default probe: median {statistics.median(ratios):.0f}x, "
              f"least {ratios[0]:.1f}x, most {ratios[-1]:.0f}x")
    whole = sorted(number(r["cost_ratio_default_set"]) for r in population if r.get("cost_ratio_default_set"))
    if whole:
        print(f"cost ratio full testing / whole default set (median {median('default_set_seconds'):.3f} s): "
              f"median {statistics.median(whole):.0f}x, least {whole[0]:.1f}x, most {whole[-1]:.0f}x; "
              f"at least 10x for {sum(w >= 10 for w in whole)} of {len(whole)}")
    print(f"weight_noise_risk measured directly: {measured} of {len(population)}")


if __name__ == "__main__":
    main(sys.argv[1])
