package dev.plateau.data;

/**
 * The task's own figure of merit, computed in the target's original units: relative energy resolution
 * RMSE((Ê−E)/E) for calorimeter energy (the study's loss, calorimeter-racing-study.md §3), RMSE for
 * other regression, accuracy for classification.
 */
public enum TaskMetric {
    RELATIVE_RMSE, RMSE, ACCURACY;

    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** The metric named {@code label} (as {@link #label()} writes it). */
    public static TaskMetric ofLabel(String label) { return valueOf(label.toUpperCase(java.util.Locale.ROOT)); }

    /** How {@link #error} values are named where they are printed: the label, or "1 - accuracy". */
    public String errorLabel() { return this == ACCURACY ? "1 - accuracy" : label(); }

    /** A value of this metric as an error, lower is better: the value itself, or 1 − accuracy. */
    public double error(double value) { return this == ACCURACY ? 1 - value : value; }

    /**
     * @param predicted for classification, rows × classes scores; otherwise rows × targets values
     * @param truth     rows × targets (class index for classification)
     */
    public double compute(double[] predicted, double[] truth, int rows) { return compute(predicted, truth, rows, null); }

    /**
     * The metric with each row weighted ({@code weights} null: every row once): weighted accuracy
     * Σw·[right] / Σw, weighted (relative) RMSE sqrt(Σw·e² / Σw) over rows, averaged over targets' squares.
     */
    public double compute(double[] predicted, double[] truth, int rows, double[] weights) {
        if (rows == 0) return Double.NaN;
        int width = predicted.length / rows, targets = truth.length / rows;
        double sum = 0, total = 0;
        for (int i = 0; i < rows; i++) {
            double w = weights == null ? 1 : weights[i];
            total += w;
            if (this == ACCURACY) {
                int best = 0;
                for (int k = 1; k < width; k++) if (predicted[i * width + k] > predicted[i * width + best]) best = k;
                if (best == (int) truth[i]) sum += w;
                continue;
            }
            for (int t = 0; t < targets; t++) {
                int j = i * targets + t;
                double e = this == RELATIVE_RMSE ? (predicted[j] - truth[j]) / truth[j] : predicted[j] - truth[j];
                sum += w * e * e / targets;
            }
        }
        return this == ACCURACY ? sum / total : Math.sqrt(sum / total);
    }
}
