package dev.plateau.landscape;

import dev.plateau.data.Dataset;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Comparisons between two instances of one configuration (landscape-analysis-study.md; LossLens):
 * linear CKA of their outputs and the linear mode-connectivity barrier between their weights.
 */
public final class InstanceComparison {
    private InstanceComparison() {}

    /**
     * Linear CKA with double centring (PyLandscape's implementation): with column-centred X and Y
     * (samples × features), CKA = ‖YᵀX‖²_F / (‖XᵀX‖_F · ‖YᵀY‖_F). 1 for identical representations,
     * invariant to orthogonal transforms and isotropic scaling of either.
     */
    public static double linearCka(double[][] x, double[][] y) {
        double[][] xc = centred(x), yc = centred(y);
        double xy = frobeniusSquared(crossProduct(yc, xc));
        return xy / Math.sqrt(frobeniusSquared(crossProduct(xc, xc)) * frobeniusSquared(crossProduct(yc, yc)));
    }

    /** Output CKA of two networks on the same evaluation rows. */
    public static double outputCka(MultiLayerNetwork a, MultiLayerNetwork b, Dataset eval) {
        LossSurface sa = new LossSurface(a, eval), sb = new LossSurface(b, eval);
        return linearCka(matrix(sa.outputs(sa.weights()), eval.rows()), matrix(sb.outputs(sb.weights()), eval.rows()));
    }

    /**
     * The barrier of the straight path between two networks of one architecture:
     * max over t of L((1−t)·w_a + t·w_b) − [(1−t)·L_a + t·L_b], at {@code points} evenly spaced t. Zero
     * or less when the two minima are linearly connected. Permutation symmetry is not removed, so
     * independent seeds can show a barrier even when their basins are equivalent.
     */
    public static double linearBarrier(MultiLayerNetwork a, MultiLayerNetwork b, Dataset eval, int points) {
        LossSurface s = new LossSurface(a, eval);
        INDArray wa = s.weights(), wb = new LossSurface(b, eval).weights();
        if (wa.length() != wb.length()) throw new IllegalArgumentException("the networks have different architectures");
        double la = s.loss(wa), lb = s.loss(wb), barrier = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < points; i++) {
            double t = i / (double) (points - 1);
            barrier = Math.max(barrier, s.loss(wa.mul(1 - t).addi(wb.mul(t))) - ((1 - t) * la + t * lb));
        }
        return barrier;
    }

    static double[][] matrix(double[] flat, int rows) {
        int cols = flat.length / rows;
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) System.arraycopy(flat, i * cols, m[i], 0, cols);
        return m;
    }

    private static double[][] centred(double[][] m) {
        int n = m.length, d = m[0].length;
        double[][] c = new double[n][d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] row : m) mean += row[j] / n;
            for (int i = 0; i < n; i++) c[i][j] = m[i][j] - mean;
        }
        return c;
    }

    /** AᵀB for samples × features matrices A and B. */
    private static double[][] crossProduct(double[][] a, double[][] b) {
        int n = a.length, p = a[0].length, q = b[0].length;
        double[][] out = new double[p][q];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++)
                for (int k = 0; k < q; k++) out[j][k] += a[i][j] * b[i][k];
        return out;
    }

    private static double frobeniusSquared(double[][] m) {
        double s = 0;
        for (double[] row : m) for (double v : row) s += v * v;
        return s;
    }
}
