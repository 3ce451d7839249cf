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

    /** A value of this metric as an error, lower is better: the value itself, or 1 − accuracy. */
    public double error(double value) { return this == ACCURACY ? 1 - value : value; }

    /**
     * @param predicted for classification, rows × classes scores; otherwise rows × targets values
     * @param truth     rows × targets (class index for classification)
     */
    public double compute(double[] predicted, double[] truth, int rows) {
        if (rows == 0) return Double.NaN;
        int width = predicted.length / rows, targets = truth.length / rows;
        switch (this) {
            case ACCURACY: {
                int correct = 0;
                for (int i = 0; i < rows; i++) {
                    int best = 0;
                    for (int k = 1; k < width; k++) if (predicted[i * width + k] > predicted[i * width + best]) best = k;
                    if (best == (int) truth[i]) correct++;
                }
                return correct / (double) rows;
            }
            case RELATIVE_RMSE: {
                double sum = 0;
                for (int i = 0; i < truth.length; i++) {
                    double r = (predicted[i] - truth[i]) / truth[i];
                    sum += r * r;
                }
                return Math.sqrt(sum / truth.length);
            }
            default: {
                double sum = 0;
                for (int i = 0; i < truth.length; i++) sum += (predicted[i] - truth[i]) * (predicted[i] - truth[i]);
                return Math.sqrt(sum / (rows * (double) targets));
            }
        }
    }
}
