package dev.plateau.landscape;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.plateau.space.NoiseGeometry;
import dev.plateau.space.ProxyVocabulary;
import dev.plateau.space.SpaceViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The cost-aware robustness objective {@code weight_noise_risk}: the expected rise of the task metric
 * under the deployment's weight noise, measured directly ({@code draws} Monte Carlo draws over all
 * validation rows) when that work is at most {@code fraction} of the candidate's training work, else
 * the metric-matched antithetic probe {@code noise_curvature_metric}, which estimates the same
 * expectation to second order. Work is counted in multiply-accumulates ({@link dev.plateau.train.TrainingCost}),
 * not timed, so the choice — and with it the value — depends only on the candidate, never on the
 * machine's load or the number of workers. The direct test's time, estimated from the noise probe's
 * measured time per forward sample, is recorded beside it.
 */
public record RiskProxy(NoiseGeometry geometry, double sigma, Settings settings) implements Proxy {
    public static final String NAME = "weight_noise_risk";

    /** Computed by default when the deployment declares weight noise. */
    public static final ProxyFamily<Settings> FAMILY = ProxyFamily.of("risk", "risk", Settings.class,
                    (s, c) -> new RiskProxy(c.geometry(), c.sigma(), s), NAME)
            .describedBy(NAME + "_stderr", NAME + "_measured", NAME + "_direct_seconds", NAME + "_direct_work")
            .byDefaultWhen(d -> d.weightNoise() != null)
            .needs(NoiseCurvatureProxy.NAME);

    /**
     * {@code proxy.risk}: the share of the training work the direct test may cost, its draws, and a
     * training minibatch's fixed bookkeeping in multiply-accumulates ({@code step_overhead}, 4e6
     * measured on the reference machine: docs/validation.md).
     */
    public record Settings(@JsonProperty("fraction") Double fraction, @JsonProperty("draws") Integer draws,
                           @JsonProperty("step_overhead") Double stepOverhead) implements ProxyVocabulary.Settings {
        public Settings {
            if (fraction == null) fraction = 0.1;
            if (draws == null) draws = 30;
            if (stepOverhead == null) stepOverhead = 4e6;
        }

        @Override
        public void validate(String at) {
            SpaceViolation.require(fraction >= 0 && draws >= 1 && stepOverhead >= 0, at, "needs fraction >= 0, draws >= 1 and step_overhead >= 0",
                    "use e.g. {fraction: 0.1, draws: 30, step_overhead: 4.0e6}");
        }
    }

    /** The direct test runs on every validation row. */
    @Override
    public int samples() { return Integer.MAX_VALUE; }

    @Override
    public List<ProxyValue> measure(LossSurface s, MeasureContext context) {
        ProxyValue probe = context.earlier().get(NoiseCurvatureProxy.NAME);
        ProxyValue probeMetric = context.earlier().get(NoiseCurvatureProxy.NAME + "_metric");
        double perSample = probe.seconds() / Math.max(1, probe.forwardSamples());
        long directSamples = (long) s.data().rows() * (1 + settings.draws());
        double share = context.training() == null ? Double.NaN
                : directSamples * (double) context.training().macsPerSample() / context.training().macs(settings.stepOverhead());
        boolean direct = share <= settings.fraction();
        List<ProxyValue> out = new ArrayList<>();
        if (direct) {
            INDArray w0 = s.weights();
            INDArray scale = s.scale(geometry).muli(sigma);
            SplittableRandom rng = new SplittableRandom(context.seed());
            List<ProxyValue> values = ForwardProbe.meanIncrease(s, NAME, settings.draws(),
                    k -> new double[][] {s.outputs(w0.add(HessianSpectrum.gaussian(s.dimension(), rng).muli(scale)))}, c -> c, 1.0);
            // the metric's increase is the risk; the loss increase is not needed here
            boolean metric = values.size() > 1;
            out.add(new ProxyValue(NAME, values.get(metric ? 1 : 0).value(), values.get(0).forwardSamples(), 0, values.get(0).seconds()));
            out.add(new ProxyValue(NAME + "_stderr", metric ? values.get(2).value() : Double.NaN, 0, 0, 0));
        } else {
            ProxyValue v = probeMetric != null ? probeMetric : probe;
            ProxyValue stderr = context.earlier().get(NoiseCurvatureProxy.NAME + "_metric_stderr");
            out.add(new ProxyValue(NAME, v.value(), 0, 0, 0));
            out.add(new ProxyValue(NAME + "_stderr", probeMetric != null && stderr != null ? stderr.value() : Double.NaN, 0, 0, 0));
        }
        out.add(new ProxyValue(NAME + "_measured", direct ? 1 : 0, 0, 0, 0));
        out.add(new ProxyValue(NAME + "_direct_seconds", perSample * directSamples, 0, 0, 0));
        out.add(new ProxyValue(NAME + "_direct_work", share, 0, 0, 0));
        return out;
    }
}
