package dev.plateau.robustness;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Input disturbances, targets kept clean, inputs clamped to each feature's valid range (its training
 * min..max, in the standardised units the network sees): Gaussian noise of the severity in units of the
 * feature scale, or salt-and-pepper, where a fraction p of the elements go to the range's max (half)
 * or min (half) (PyLandscape's protocol, landscape-analysis-study.md §3).
 */
public record InputNoise(String name, double[] severities, boolean impulse) implements NoiseFamily {
    public static InputNoise gaussian() { return new InputNoise("input_gaussian", new double[] {0.05, 0.1, 0.2, 0.5}, false); }

    public static InputNoise saltAndPepper() { return new InputNoise("input_salt_pepper", new double[] {0.05, 0.1, 0.2, 0.5}, true); }

    @Override
    public double metricUnder(Deployment d, double severity, SplittableRandom rng) {
        return d.metric(d.network(), disturbed(d, severity, impulse, rng));
    }

    /** The deployment's test inputs under one draw of this noise at {@code severity}. */
    static INDArray disturbed(Deployment d, double severity, boolean impulse, SplittableRandom rng) {
        INDArray x = d.inputs();
        int cols = (int) x.size(1);
        double[] v = x.ravel().toDoubleVector();
        for (int i = 0; i < v.length; i++) {
            int f = i % cols;
            if (impulse) {
                double u = rng.nextDouble();
                if (u < severity / 2) v[i] = d.max(f);
                else if (u < severity) v[i] = d.min(f);
            } else {
                // clamp to the valid range, widened to the clean value so noise-free inputs never change
                double lo = Math.min(d.min(f), v[i]), hi = Math.max(d.max(f), v[i]);
                v[i] = Math.max(lo, Math.min(hi, v[i] + severity * rng.nextGaussian()));
            }
        }
        return org.nd4j.linalg.factory.Nd4j.createFromArray(v).reshape(x.shape()).castTo(x.dataType());
    }
}
