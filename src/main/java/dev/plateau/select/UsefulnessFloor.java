package dev.plateau.select;

import dev.plateau.data.Baselines;
import dev.plateau.exec.InstanceResult;
import java.util.Locale;

/**
 * The floor a configuration must clear to enter the Pareto archive: its mean validation task error
 * (the metric, or 1 − accuracy) over its ok instances must be below the trivial predictor's error by
 * at least {@code margin} (relative). A network that has learnt nothing is flat and cheap, so without
 * the floor it would sit on the front; below it a configuration is kept in the tables with the reason,
 * never in the archive.
 *
 * @param maxError the largest mean error admitted (+∞: no floor)
 */
public record UsefulnessFloor(double maxError, String rule) {
    public static final UsefulnessFloor NONE = new UsefulnessFloor(Double.POSITIVE_INFINITY, "none");

    /** The floor from a study's baselines: the trivial predictor's error less {@code margin} of it. */
    public static UsefulnessFloor of(Baselines baselines, double margin) {
        double trivial = baselines.error(baselines.trivial());
        return new UsefulnessFloor(trivial * (1 - margin), String.format(Locale.ROOT,
                "a mean validation error below %.4g (the trivial predictor's %.4g less %.0f %%)", trivial * (1 - margin), trivial, 100 * margin));
    }

    /** The mean validation error of a configuration's ok instances (NaN without one). */
    public static double meanError(ConfigurationRecord c) {
        return c.ok().stream().mapToDouble(InstanceResult::taskError).average().orElse(Double.NaN);
    }

    public boolean admits(ConfigurationRecord c) {
        double e = meanError(c);
        return !Double.isFinite(maxError) || e < maxError;
    }

    /** Why {@code c} is below the floor (null when it is not). */
    public String reason(ConfigurationRecord c) {
        if (admits(c) || c.ok().isEmpty()) return null;
        return String.format(Locale.ROOT, "mean validation error %.4g; the archive needs %s", meanError(c), rule);
    }
}
