package dev.plateau.landscape;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Top Hessian eigenpairs by power iteration on finite-difference Hessian-vector products, with
 * deflation by re-orthogonalising against eigenvectors already found (PyHessian's
 * {@code eigenvalues(maxIter=100, tol=1e-3, top_n)}). Returns the largest-magnitude eigenvalues, which
 * can be negative.
 */
public final class HessianSpectrum {
    /** Eigenvalues (largest magnitude first), unit eigenvectors, and HVPs used per eigenpair. */
    public record Result(double[] eigenvalues, List<INDArray> eigenvectors, int[] iterations) {}

    private HessianSpectrum() {}

    public static Result top(LossSurface surface, int n, int maxIterations, double tolerance, long seed) {
        INDArray w = surface.weights();
        SplittableRandom rng = new SplittableRandom(seed);
        List<INDArray> vectors = new ArrayList<>();
        double[] values = new double[n];
        int[] iterations = new int[n];
        for (int k = 0; k < n; k++) {
            INDArray v = gaussian(surface.dimension(), rng);
            orthonormalise(v, vectors);
            double lambda = 0;
            int it = 0;
            for (; it < maxIterations; it++) {
                INDArray hv = surface.hvp(w, v);
                double next = v.mul(hv).sumNumber().doubleValue();  // Rayleigh quotient vᵀHv, ‖v‖ = 1
                orthonormalise(hv, vectors);
                double norm = hv.norm2Number().doubleValue();
                if (norm == 0) break;
                v = hv.divi(norm);
                boolean converged = it > 0 && Math.abs(next - lambda) / (Math.abs(lambda) + 1e-6) < tolerance;
                lambda = next;
                if (converged) break;
            }
            values[k] = lambda;
            iterations[k] = it + 1;
            vectors.add(v);
        }
        return new Result(values, List.copyOf(vectors), iterations);
    }

    static INDArray gaussian(int dimension, SplittableRandom rng) {
        double[] z = new double[dimension];
        for (int i = 0; i < dimension; i++) z[i] = rng.nextGaussian();
        return Nd4j.createFromArray(z);
    }

    private static void orthonormalise(INDArray v, List<INDArray> basis) {
        for (INDArray b : basis) v.subi(b.mul(v.mul(b).sumNumber().doubleValue()));
        double norm = v.norm2Number().doubleValue();
        if (norm > 0) v.divi(norm);
    }
}
