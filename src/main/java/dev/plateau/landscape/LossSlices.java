package dev.plateau.landscape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 1-D and 2-D slices of the loss around the trained weights (Li et al. 2018), along filter-normalised
 * random directions — each output unit's or filter's slice of a random direction is rescaled to that
 * filter's norm, and biases are not moved (the reference's {@code --xignore biasbn}) — or along the top
 * Hessian eigenvectors, rescaled to the same length as a filter-normalised direction.
 */
public final class LossSlices {
    /** Losses at w + α·d for each α. */
    public record Slice1D(String direction, double[] alphas, double[] losses) {}

    /** Losses at w + α·d₁ + β·d₂; {@code losses[i][j]} is at (alphas[i], betas[j]). */
    public record Slice2D(String directions, double[] alphas, double[] betas, double[][] losses) {}

    private final LossSurface surface;

    public LossSlices(LossSurface surface) { this.surface = surface; }

    public INDArray filterNormalised(SplittableRandom rng) {
        INDArray w = surface.weights();
        INDArray random = HessianSpectrum.gaussian(surface.dimension(), rng);
        Map<dev.plateau.model.ParamBlock, INDArray> tensors = new LinkedHashMap<>();
        for (dev.plateau.model.ParamBlock b : surface.blocks()) {
            if (!b.weight()) continue;
            INDArray theta = surface.tensor(b, w), d = surface.tensor(b, random);
            int axis = theta.rank() == 2 ? 1 : 0;  // dense: a column per output unit; conv: dim 0 per filter
            for (long f = 0; f < theta.size(axis); f++) {
                INDArray tf = axis == 1 ? theta.getColumn(f) : theta.slice(f), df = axis == 1 ? d.getColumn(f) : d.slice(f);
                double dn = df.norm2Number().doubleValue();
                if (dn > 0) df.muli(tf.norm2Number().doubleValue() / (dn + 1e-10));
            }
            tensors.put(b, d);
        }
        return surface.flat(tensors);
    }

    public Slice1D line(String name, INDArray direction, double range, int points) {
        INDArray w = surface.weights();
        double[] alphas = linspace(range, points), losses = new double[points];
        for (int i = 0; i < points; i++) losses[i] = surface.loss(w.add(direction.mul(alphas[i])));
        return new Slice1D(name, alphas, losses);
    }

    public Slice2D plane(String name, INDArray d1, INDArray d2, double range, int points) {
        INDArray w = surface.weights();
        double[] axis = linspace(range, points);
        double[][] losses = new double[points][points];
        for (int i = 0; i < points; i++)
            for (int j = 0; j < points; j++) losses[i][j] = surface.loss(w.add(d1.mul(axis[i])).addi(d2.mul(axis[j])));
        return new Slice2D(name, axis, axis.clone(), losses);
    }

    /** The top-2 Hessian eigenvectors, each rescaled to {@code length}. */
    public List<INDArray> hessianDirections(double length, int iterations, long seed) {
        HessianSpectrum.Result r = HessianSpectrum.top(surface, 2, iterations, 1e-3, seed);
        return r.eigenvectors().stream().map(v -> v.mul(length)).toList();
    }

    static double[] linspace(double range, int points) {
        double[] a = new double[points];
        for (int i = 0; i < points; i++) a[i] = points == 1 ? 0 : -range + 2 * range * i / (points - 1);
        return a;
    }
}
