package dev.plateau.robustness;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Full noise testing: every family at every severity, averaged over {@code draws} draws (one for
 * deterministic families), deterministic from the seed. A family's score is the mean, over its
 * severities, of the metric's rise above clean — the area under the degradation curve relative to
 * clean on an evenly spaced severity axis. Lower is more robust.
 */
public final class RobustnessTest {
    /** One family's degradation curve and score. */
    public record Curve(String family, double clean, double[] severities, double[] mean, double[] std, double score, int draws) {}

    public static List<NoiseFamily> allFamilies() {
        return List.of(InputNoise.gaussian(), InputNoise.saltAndPepper(), WeightNoise.multiplicative(), WeightNoise.layerRange(),
                new BitFlips(BitFlips.Strategy.RANDOM), new BitFlips(BitFlips.Strategy.MSB), new BitFlips(BitFlips.Strategy.HESSIAN),
                new QuantisationSweep());
    }

    private RobustnessTest() {}

    public static List<Curve> run(Deployment d, List<NoiseFamily> families, int draws, long seed) {
        double clean = d.clean();
        List<Curve> out = new ArrayList<>();
        int f = 0;
        for (NoiseFamily family : families) {
            double[] sev = family.severities(), mean = new double[sev.length], std = new double[sev.length];
            int n = family.random() ? draws : 1;
            double score = 0;
            for (int s = 0; s < sev.length; s++) {
                // each (family, severity) has its own stream: adding a family or a level changes no other value
                SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + 1009L * f + s);
                double sum = 0, sumSq = 0;
                for (int k = 0; k < n; k++) {
                    double m = family.metricUnder(d, sev[s], rng);
                    sum += m;
                    sumSq += m * m;
                }
                mean[s] = sum / n;
                std[s] = n > 1 ? Math.sqrt(Math.max(0, (sumSq - n * mean[s] * mean[s]) / (n - 1))) : 0;
                score += (mean[s] - clean) / sev.length;
            }
            out.add(new Curve(family.name(), clean, sev, mean, std, score, n));
            f++;
        }
        return out;
    }
}
