package dev.plateau.train;

import dev.plateau.model.quant.SymmetricQuantizer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Penalties on the kernels alone (biases and normalisation parameters are free), with value and
 * exact gradient:
 * <ul>
 *   <li>L1: λ·Σ|w| (subgradient λ·sign(w), 0 at 0), all kernels;</li>
 *   <li>L2: (λ/2)·Σw², gradient λ·w, all kernels;</li>
 *   <li>orthogonality: λ·Σ_ℓ ‖W_ℓᵀW_ℓ − I‖²_F over the hidden kernels, with W_ℓ's columns its units (a
 *       convolution's filters flattened), gradient 4λ·W(WᵀW − I). The output layer is left out: with
 *       one output it would only pin ‖w‖ to 1.</li>
 * </ul>
 */
public record KernelPenalty(double l1, double l2, double orthogonality) {

    public boolean active() { return l1 > 0 || l2 > 0 || orthogonality > 0; }

    /** The penalty at the network's current weights. */
    public double value(MultiLayerNetwork net) {
        double sum = 0;
        var layers = net.getLayers();
        for (int l = 0; l < layers.length; l++) {
            INDArray w = SymmetricQuantizer.kernel(layers[l]);
            if (w == null) continue;
            double[] v = w.dup('c').ravel().toDoubleVector();
            for (double x : v) sum += l1 * Math.abs(x) + 0.5 * l2 * x * x;
            if (orthogonality > 0 && l < layers.length - 1) {
                double[][] a = units(w.shape(), v);
                double[][] gram = gramMinusIdentity(a);
                for (double[] row : gram) for (double x : row) sum += orthogonality * x * x;
            }
        }
        return sum;
    }

    /**
     * Adds {@code scale} × the penalty's gradient to the network's gradient (DL4J's flat gradient is
     * a sum over the minibatch, so the trainer passes the batch size).
     */
    public void addGradient(MultiLayerNetwork net, double scale) {
        var layers = net.getLayers();
        for (int l = 0; l < layers.length; l++) {
            INDArray w = SymmetricQuantizer.kernel(layers[l]);
            if (w == null) continue;
            double[] v = w.dup('c').ravel().toDoubleVector();
            double[] g = new double[v.length];
            for (int i = 0; i < v.length; i++) g[i] = l1 * Math.signum(v[i]) + l2 * v[i];
            if (orthogonality > 0 && l < layers.length - 1) {
                double[][] a = units(w.shape(), v);
                double[][] d = gramMinusIdentity(a);
                int u = a.length, f = a[0].length;
                double[][] ga = new double[u][f];
                for (int i = 0; i < u; i++)
                    for (int k = 0; k < u; k++) {
                        if (d[i][k] == 0) continue;
                        double c = 4 * orthogonality * d[i][k];
                        for (int j = 0; j < f; j++) ga[i][j] += c * a[k][j];
                    }
                double[] flat = fromUnits(w.shape(), ga);
                for (int i = 0; i < g.length; i++) g[i] += flat[i];
            }
            INDArray view = net.gradient().getGradientFor(l + "_W");
            view.addi(Nd4j.createFromArray(g).reshape('c', w.shape()).muli(scale).castTo(view.dataType()));
        }
    }

    /** The kernel as one row per unit: a dense kernel (nIn × nOut) transposed, a conv kernel flattened per filter. */
    static double[][] units(long[] shape, double[] c) {
        if (shape.length == 2) {
            int in = (int) shape[0], out = (int) shape[1];
            double[][] a = new double[out][in];
            for (int i = 0; i < in; i++) for (int o = 0; o < out; o++) a[o][i] = c[i * out + o];
            return a;
        }
        int out = (int) shape[0], f = c.length / out;
        double[][] a = new double[out][f];
        for (int o = 0; o < out; o++) System.arraycopy(c, o * f, a[o], 0, f);
        return a;
    }

    /** Inverse of {@link #units}: back to the kernel's C-order elements. */
    static double[] fromUnits(long[] shape, double[][] a) {
        int out = a.length, f = a[0].length;
        double[] c = new double[out * f];
        for (int o = 0; o < out; o++)
            for (int j = 0; j < f; j++) c[shape.length == 2 ? j * out + o : o * f + j] = a[o][j];
        return c;
    }

    /** A·Aᵀ − I for A with one row per unit (= WᵀW − I for W with one column per unit). */
    private static double[][] gramMinusIdentity(double[][] a) {
        int u = a.length;
        double[][] d = new double[u][u];
        for (int i = 0; i < u; i++)
            for (int k = 0; k < u; k++) {
                double s = 0;
                for (int j = 0; j < a[i].length; j++) s += a[i][j] * a[k][j];
                d[i][k] = s - (i == k ? 1 : 0);
            }
        return d;
    }
}
