package dev.plateau.landscape;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Input-noise probe: the mean loss (and task-metric) increase when every input feature gets Gaussian
 * noise of the declared level, in units of the feature scale (per-column standard deviation for
 * tables, the global cell RMS for calorimeter images: the data's standardisation). The pilots found
 * no weight-space probe that predicts input-noise robustness beyond clean loss; this one perturbs what
 * that noise perturbs.
 */
public record InputNoiseProxy(double level, int draws, int samples) implements Proxy {
    /** Computed by default when the deployment declares input noise. */
    public static final ProxyFamily<ProbeSettings> FAMILY = ProxyFamily.of("input_noise", "probe", ProbeSettings.class,
                    (s, c) -> new InputNoiseProxy(c.inputNoiseLevel(), s.draws(), s.samples()), "input_noise_probe", "input_noise_probe_metric")
            .describedBy("input_noise_probe_metric_stderr")
            .byDefaultWhen(d -> d.inputNoise() != null);

    @Override
    public List<ProxyValue> measure(LossSurface s, MeasureContext context) {
        INDArray w = s.weights(), x = s.features();
        SplittableRandom rng = new SplittableRandom(context.seed());
        return ForwardProbe.meanIncrease(s, "input_noise_probe", draws, k -> new double[][] {
                s.outputs(w, x.add(HessianSpectrum.gaussian((int) x.length(), rng).reshape(x.shape()).muli(level)))}, change -> change, 1.0);
    }
}
