package dev.plateau.landscape;

import java.util.Arrays;
import java.util.stream.DoubleStream;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;

/**
 * Eigenvalues of a small symmetric matrix (weight Gram matrices up to a few hundred rows; exact Hessians
 * in tests) by Commons Math's {@link EigenDecomposition} (tridiagonalisation, then implicit QL). This is
 * the one place that calls it, so the callers' contract — descending order, NaN for a non-finite matrix —
 * is stated and kept here rather than depending on what Commons Math happens to return.
 */
public final class SymmetricEigen {
    private SymmetricEigen() {}

    /** Eigenvalues in descending order; {@code a} is symmetric and is not modified. */
    public static double[] eigenvalues(double[][] a) {
        // a diverged network's weights: no spectrum, and Commons Math would fail to converge on them
        if (!Arrays.stream(a).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite)) {
            double[] nan = new double[a.length];
            Arrays.fill(nan, Double.NaN);
            return nan;
        }
        double[] ev = new EigenDecomposition(MatrixUtils.createRealMatrix(a)).getRealEigenvalues();
        // Commons Math sorts a symmetric matrix's eigenvalues descending, but does not document it
        return DoubleStream.of(ev).map(v -> -v).sorted().map(v -> -v).toArray();
    }
}
