package dev.plateau.data;

import dev.plateau.space.Task;
import java.util.List;

/**
 * What a trained network's outputs mean. Classification: one probability per class of
 * {@code classLabels}. Regression: one value per target of {@code targetNames}, in {@code units}
 * (null when not known), learnt standardised, (y − mean)/scale, and — when {@code logTarget}, as for
 * a relative metric ({@link TaskMetric#RELATIVE_RMSE}) — as ln y; {@link #toOriginalUnits} undoes both.
 *
 * @implNote immutable by convention: the arrays are never written after construction
 */
public record OutputDomain(Task task, List<String> classLabels, List<String> targetNames, List<String> units,
                           double[] targetMean, double[] targetScale, boolean logTarget) {
    public OutputDomain {
        classLabels = List.copyOf(classLabels);
        targetNames = List.copyOf(targetNames);
        if (units != null) units = List.copyOf(units);
        if (units != null && units.size() != targetNames.size())
            throw new IllegalArgumentException(units.size() + " units for " + targetNames.size() + " targets");
        if (targetMean.length != targetNames.size() || targetScale.length != targetNames.size())
            throw new IllegalArgumentException("one mean and one scale per target");
    }

    /** The task's figure of merit for these outputs: accuracy, the relative RMSE of a target learnt as its logarithm, or RMSE. */
    public TaskMetric metric() {
        return task == Task.CLASSIFICATION ? TaskMetric.ACCURACY : logTarget ? TaskMetric.RELATIVE_RMSE : TaskMetric.RMSE;
    }

    /** Outputs per row: one per class, or one per target. */
    public int width() { return task == Task.CLASSIFICATION ? classLabels.size() : targetNames.size(); }

    /** Network outputs (rows × width, row-major) in the targets' original units, in place; class probabilities stay as they are. */
    public double[] toOriginalUnits(double[] outputs) {
        if (task == Task.CLASSIFICATION) return outputs;
        int t = targetMean.length;
        for (int i = 0; i < outputs.length; i++) {
            double v = outputs[i] * targetScale[i % t] + targetMean[i % t];
            outputs[i] = logTarget ? Math.exp(v) : v;
        }
        return outputs;
    }
}
