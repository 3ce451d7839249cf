package dev.plateau.robustness;

import dev.plateau.space.Seeds;
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
    public record Curve(String family, double clean, double[] severities, double[] mean, double[] std, double score, int draws) {
        /** A curve with its score: the mean rise of the metric above clean over the severities. */
        public static Curve of(String family, double clean, double[] severities, double[] mean, double[] std, int draws) {
            double score = 0;
            for (double m : mean) score += (m - clean) / mean.length;
            return new Curve(family, clean, severities, mean, std, score, draws);
        }
    }

    /** Full noise testing of one trained network: every family's curve, the clean test metric, and what it cost. */
    public record Report(double cleanMetric, List<Curve> curves, double seconds) {
        public Report {
            curves = List.copyOf(curves);
        }

        /**
         * The task error as deployed, measured: the clean test error plus the declared deployment's
         * measured rise ({@link DeclaredDisturbance}); null when the study declares no deployment.
         */
        public Double deployedMetric() { return RobustnessTest.deployedMetric(curves); }

        /** Each family's score by family name, in test order. */
        public java.util.Map<String, Double> scores() {
            java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
            for (Curve c : curves) out.put(c.family(), c.score());
            return out;
        }
    }

    /** Full noise testing of a saved model on the test rows of its study's data ({@code study}, as split for every candidate). */
    public static Report of(dev.plateau.model.DeployedModel model, dev.plateau.data.PreparedData study, int draws, long seed) {
        return of(model, study, draws, seed, allFamilies());
    }

    /** As {@link #of(dev.plateau.model.DeployedModel, dev.plateau.data.PreparedData, int, long)}, with these families. */
    public static Report of(dev.plateau.model.DeployedModel model, dev.plateau.data.PreparedData study, int draws, long seed,
                            List<NoiseFamily> families) {
        return of(model.plateauNetwork(), model.integers(), study.forInstance(0, model.input().totalEnergy(), 1), draws, seed, families);
    }

    /**
     * Full noise testing of a network in its integer form on the test rows of {@code data} — the data
     * as this network reads it (its instance's columns) — with every family, inputs clamped to the
     * training range. The one call {@code verify} and {@code validate} make.
     */
    public static Report of(org.deeplearning4j.nn.multilayer.MultiLayerNetwork network, dev.plateau.model.quant.IntegerForm integers,
                            dev.plateau.data.PreparedData data, int draws, long seed) {
        return of(network, integers, data, draws, seed, allFamilies());
    }

    private static Report of(org.deeplearning4j.nn.multilayer.MultiLayerNetwork network, dev.plateau.model.quant.IntegerForm integers,
                             dev.plateau.data.PreparedData data, int draws, long seed, List<NoiseFamily> families) {
        long t0 = System.nanoTime();
        double[][] range = data.featureRange();
        Deployment d = new Deployment(network, integers, data.test(), range[0], range[1], data::lowerIsBetter);
        List<Curve> curves = run(d, families, draws, seed);
        return new Report(curves.isEmpty() ? d.clean() : curves.get(0).clean(), curves, (System.nanoTime() - t0) / 1e9);
    }

    /** {@link Report#deployedMetric()} from a report's curves (as a study folder keeps them). */
    public static Double deployedMetric(List<Curve> curves) {
        return curves.stream().filter(c -> c.family().equals(DeclaredDisturbance.COMBINED)).findFirst()
                .map(c -> c.clean() + c.score()).orElse(null);
    }

    /** The families of full noise testing, then those that measure the declared {@code deployment} ({@link DeclaredDisturbance}). */
    public static List<NoiseFamily> families(dev.plateau.space.DeploymentSpec deployment) {
        List<NoiseFamily> all = new ArrayList<>(allFamilies());
        all.addAll(DeclaredDisturbance.of(deployment));
        return all;
    }

    public static List<NoiseFamily> allFamilies() {
        return List.of(InputNoise.gaussian(), InputNoise.saltAndPepper(), WeightNoise.multiplicative(), WeightNoise.layerRange(),
                new BitFlips(BitFlips.Strategy.RANDOM), new BitFlips(BitFlips.Strategy.MSB), new BitFlips(BitFlips.Strategy.HESSIAN),
                new QuantisationSweep());
    }

    private RobustnessTest() {}

    public static List<Curve> run(Deployment d, List<NoiseFamily> families, int draws, long seed) {
        double clean = d.clean();
        List<Curve> out = new ArrayList<>();
        for (NoiseFamily family : families) {
            double[] sev = family.severities(), mean = new double[sev.length], std = new double[sev.length];
            int n = family.draws(draws);
            for (int s = 0; s < sev.length; s++) {
                // each (family, severity) has a stream named after it: adding, removing or reordering
                // families or levels changes no other value
                SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, family.name() + "@" + sev[s]));
                double sum = 0, sumSq = 0;
                for (int k = 0; k < n; k++) {
                    double m = family.metricUnder(d, sev[s], rng);
                    sum += m;
                    sumSq += m * m;
                }
                mean[s] = sum / n;
                std[s] = n > 1 ? Math.sqrt(Math.max(0, (sumSq - n * mean[s] * mean[s]) / (n - 1))) : 0;
            }
            out.add(Curve.of(family.name(), clean, sev, mean, std, n));
        }
        return out;
    }
}
