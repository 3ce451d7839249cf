package dev.plateau.landscape;

import java.util.ArrayList;
import java.util.List;

/**
 * Data-free weight metrics (flatness-proxies.md §5), per weight tensor W (dense: nIn × nOut; conv:
 * filters × (channels·k·k)) from the eigenvalues of its smaller Gram matrix:
 * <ul>
 *   <li>{@code weight_alpha}: the power-law exponent α̂ of the spectrum's tail, averaged over layers
 *       with at least {@value #MIN_EIGENVALUES} eigenvalues (NaN when none has: small layers give noisy fits);</li>
 *   <li>{@code stable_rank}: ‖W‖²_F / ‖W‖²₂, averaged over layers;</li>
 *   <li>{@code outlier_ratio}: max |w| / rms(w), the largest over layers (it sets a quantiser's step).</li>
 * </ul>
 */
public record WeightSpectrumProxy() implements Proxy {
    static final int MIN_EIGENVALUES = 10;

    /** Data-free: no settings. */
    public static final ProxyFamily<dev.plateau.space.ProxyVocabulary.Settings> FAMILY = ProxyFamily.of("weight_spectrum", null, null,
            (s, c) -> new WeightSpectrumProxy(), "weight_alpha", "stable_rank", "outlier_ratio");

    @Override
    public int samples() { return 1; }

    @Override
    public List<ProxyValue> measure(LossSurface s, MeasureContext context) {
        long t0 = System.nanoTime();
        var weights = s.weights();
        List<Double> alphas = new ArrayList<>(), ranks = new ArrayList<>();
        double outlier = 0;
        for (dev.plateau.model.ParamBlock b : s.blocks()) {
            if (!b.weight()) continue;
            double[][] m = s.filterMatrix(b, weights);
            double sumSq = 0, max = 0;
            for (double[] row : m)
                for (double v : row) {
                    sumSq += v * v;
                    max = Math.max(max, Math.abs(v));
                }
            outlier = Math.max(outlier, max / Math.sqrt(sumSq / b.length()));
            double[] ev = SymmetricEigen.eigenvalues(gram(m));
            double total = 0;
            for (double e : ev) total += Math.max(e, 0);
            if (ev[0] > 0) ranks.add(total / ev[0]);
            if (ev.length >= MIN_EIGENVALUES) alphas.add(PowerLawFit.fit(ev).alpha());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return List.of(new ProxyValue("weight_alpha", mean(alphas), 0, 0, seconds), new ProxyValue("stable_rank", mean(ranks), 0, 0, 0),
                new ProxyValue("outlier_ratio", outlier, 0, 0, 0));
    }

    /** MᵀM or MMᵀ, whichever is smaller: both have the squared singular values as eigenvalues. */
    static double[][] gram(double[][] m) {
        int r = m.length, c = m[0].length;
        boolean rowsSmaller = r <= c;
        int n = rowsSmaller ? r : c;
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++) {
                double sum = 0;
                if (rowsSmaller) for (int k = 0; k < c; k++) sum += m[i][k] * m[j][k];
                else for (int k = 0; k < r; k++) sum += m[k][i] * m[k][j];
                g[i][j] = g[j][i] = sum;
            }
        return g;
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).average().orElse(Double.NaN);
    }
}
