package dev.plateau.robustness;

import dev.plateau.model.KernelNoise;
import dev.plateau.space.DeploymentSpec;
import dev.plateau.space.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The study's declared deployment (design §3b) as a noise family of one severity: each draw applies
 * every declared disturbance at once, as the hardware would — the bit flips on the integer weights
 * (the declared count, or a Poisson count with mean bit-error rate × parameters × bits, as the fault
 * proxies count them), then the weight noise in its geometry and level on the flipped network's
 * kernels, then Gaussian input noise at its level on the test inputs. Its score is the measured rise
 * of the task error, the quantity the deployed-metric objectives predict: the clean error plus it is
 * the deployed metric as measured. {@link #of} also gives each declared disturbance alone, so that
 * every predicted rise has a measured one beside it.
 *
 * @param name       {@code deployed}, or {@code deployed_<part>} for one disturbance alone ({@link #nameOf})
 * @param deployment the disturbances this family applies
 */
public record DeclaredDisturbance(String name, DeploymentSpec deployment) implements NoiseFamily {
    /** Draws at least this many times, whatever the other families' draws: its mean is set against a prediction. */
    public static final int MIN_DRAWS = 40;

    /**
     * The families that measure what {@code deployment} declares: all of it at once ({@code deployed}),
     * and, when it declares more than one disturbance, each alone ({@code deployed_weight_noise},
     * {@code deployed_faults}, {@code deployed_input_noise}). None for a study that declares nothing.
     */
    public static List<NoiseFamily> of(DeploymentSpec deployment) {
        List<NoiseFamily> parts = new ArrayList<>();
        for (Metric part : Metric.deployedParts())
            if (part.declaredBy(deployment)) parts.add(new DeclaredDisturbance(nameOf(part), alone(part, deployment)));
        if (parts.isEmpty()) return List.of();
        List<NoiseFamily> out = new ArrayList<>();
        out.add(new DeclaredDisturbance(COMBINED, deployment));
        if (parts.size() > 1) out.addAll(parts);
        return out;
    }

    /** The family measuring a deployed metric's disturbance alone: {@code deployed_weight_noise} for {@code deployed_metric_weight_noise}. */
    public static String nameOf(Metric part) { return part.label().replace("_metric", ""); }

    /** {@code deployment} with only {@code part}'s disturbance. */
    private static DeploymentSpec alone(Metric part, DeploymentSpec deployment) {
        return switch (part) {
            case DEPLOYED_METRIC_WEIGHT_NOISE -> new DeploymentSpec(deployment.weightNoise(), null, null);
            case DEPLOYED_METRIC_FAULTS -> new DeploymentSpec(null, null, deployment.faults());
            case DEPLOYED_METRIC_INPUT_NOISE -> new DeploymentSpec(null, deployment.inputNoise(), null);
            default -> throw new IllegalArgumentException("not one disturbance: " + part.label());
        };
    }

    /** The name of the family that applies the whole declared deployment. */
    public static final String COMBINED = "deployed";

    @Override
    public double[] severities() { return new double[] {1}; }

    @Override
    public int draws(int requested) { return Math.max(requested, MIN_DRAWS); }

    @Override
    public double metricUnder(Deployment d, double severity, SplittableRandom rng) {
        MultiLayerNetwork net = deployment.faults() == null ? d.network().clone()
                : new BitFlips(BitFlips.Strategy.RANDOM).flipped(d, flips(d, rng), rng);
        if (deployment.weightNoise() != null)
            KernelNoise.perturb(net, deployment.weightNoise().level(), deployment.weightNoise().geometry(), rng);
        INDArray x = deployment.inputNoise() == null ? d.inputs() : InputNoise.disturbed(d, deployment.inputNoise().level(), false, rng);
        return d.metric(net, x);
    }

    /** This draw's number of flips: the declared count, or a Poisson draw around the rate's expectation. */
    int flips(Deployment d, SplittableRandom rng) {
        long params = d.network().numParams();
        int bits = d.integerWeights().isEmpty() ? 8 : d.integerWeights().get(0).bits();
        double expected = deployment.faults().expectedFlips(params, bits);
        if (deployment.faults().bitFlips() != null) return (int) expected;
        if (expected > 50) return (int) Math.max(0, Math.round(expected + Math.sqrt(expected) * rng.nextGaussian()));
        int k = 0;
        for (double p = rng.nextDouble(), limit = Math.exp(-expected); p > limit; p *= rng.nextDouble()) k++;  // Knuth
        return k;
    }
}
