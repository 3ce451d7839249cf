package dev.plateau.landscape;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntFunction;

/**
 * What the forward-only probes share: the mean increase, over draws, of the loss and of the task
 * metric from the trained network's clean outputs to disturbed ones, reported as {@code name} (with
 * the forward cost) and {@code name_metric}. A draw may give several outputs (an antithetic pair);
 * its increase is their mean. The metric's increase comes with its standard error over the draws,
 * {@code name_metric_stderr}: a deployed metric adds the increase, and a reader needs to know how much
 * of a difference between two models is Monte Carlo noise.
 */
final class ForwardProbe {
    private ForwardProbe() {}

    /**
     * @param disturbed  outputs of draw k (one or more output vectors)
     * @param lossChange applied to each loss increase (e.g. a cap for destroyed networks)
     * @param factor     multiplies the means (e.g. the expected number of faults)
     */
    static List<ProxyValue> meanIncrease(LossSurface s, String name, int draws, IntFunction<double[][]> disturbed,
                                         DoubleUnaryOperator lossChange, double factor) {
        long f0 = s.forwardSamples(), t0 = System.nanoTime();
        double[] clean = s.outputs(s.weights());
        double base = s.lossOf(clean), baseMetric = s.metricOf(clean);
        double sum = 0;
        double[] metricRise = new double[draws];
        for (int k = 0; k < draws; k++) {
            double[][] outs = disturbed.apply(k);
            for (double[] out : outs) {
                sum += lossChange.applyAsDouble(s.lossOf(out) - base) / outs.length;
                double m = s.metricOf(out) - baseMetric;
                metricRise[k] += (Double.isFinite(m) ? m : 0) / outs.length;
            }
        }
        ProxyValue loss = new ProxyValue(name, factor * sum / draws, s.forwardSamples() - f0, 0, (System.nanoTime() - t0) / 1e9);
        if (!s.hasMetric()) return List.of(loss);
        // the metric comes from the same forward passes: it costs nothing more
        double mean = java.util.Arrays.stream(metricRise).sum() / draws, squares = 0;
        for (double m : metricRise) squares += (m - mean) * (m - mean);
        double standardError = draws > 1 ? Math.sqrt(squares / (draws - 1) / draws) : Double.NaN;
        return List.of(loss, new ProxyValue(name + "_metric", factor * mean, 0, 0, 0),
                new ProxyValue(name + "_metric_stderr", factor * standardError, 0, 0, 0));
    }
}
