package dev.plateau.data;

import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Per-row event weights as a study reads them (the weight column or dataset, never a feature), and the
 * balanced class weights a classifier may train with.
 */
public final class EventWeights {
    private EventWeights() {}

    /**
     * {@code weights} when each is finite and at least 0 and they are not all 0.
     *
     * @param bad    the error for the weight at a row index
     * @param allZero the error when they sum to 0
     */
    public static double[] checked(double[] weights, IntFunction<RuntimeException> bad, Supplier<RuntimeException> allZero) {
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i]) || weights[i] < 0) throw bad.apply(i);
            sum += weights[i];
        }
        if (weights.length > 0 && sum == 0) throw allZero.get();
        return weights;
    }

    /**
     * {@code n} rows of {@code d} drawn with replacement, each with probability proportional to its
     * weight, as an unweighted table: its plain means estimate {@code d}'s weighted means without bias.
     */
    public static Dataset resample(Dataset d, int n, long seed) {
        double[] cumulative = new double[d.rows()];
        double sum = 0;
        for (int r = 0; r < d.rows(); r++) cumulative[r] = sum += d.weight(r);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            int at = java.util.Arrays.binarySearch(cumulative, rng.nextDouble() * sum);
            at = at >= 0 ? at + 1 : -at - 1;
            while (at < d.rows() - 1 && d.weight(at) == 0) at++;  // a draw on a boundary never lands on a zero weight
            rows[i] = Math.min(at, d.rows() - 1);
        }
        return d.withWeights(null).select(rows);
    }

    /**
     * The training rows' weights times each class's balancing factor N / (K · W_c) — N the summed
     * weights, K the classes, W_c a class's summed weights — so that every class present carries the
     * same total weight N / K.
     */
    public static double[] balanced(Dataset train) {
        int classes = train.outputCount();
        double[] perClass = new double[classes];
        double total = 0;
        for (int r = 0; r < train.rows(); r++) {
            perClass[(int) train.targets()[r]] += train.weight(r);
            total += train.weight(r);
        }
        int present = 0;
        for (double c : perClass) if (c > 0) present++;
        double[] out = new double[train.rows()];
        for (int r = 0; r < out.length; r++) {
            int c = (int) train.targets()[r];
            out[r] = train.weight(r) * total / (present * perClass[c]);
        }
        return out;
    }
}
