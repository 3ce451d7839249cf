package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Instance racing (calorimeter-racing-study.md §2, Algorithm 1): a new configuration trains
 * {@code warmup} instances; each later generation gives every surviving configuration one more, up to
 * {@code maxInstances}, and drops those whose {@code statistic} of {@code metric} is worse than the
 * median of that statistic over the surviving pool. With racing off, the seed gene chooses instances.
 * {@code maxInstances} is also the full instance budget of the random and grid baselines.
 */
public record RacingSettings(
        @JsonProperty("enabled") Boolean enabled,
        @JsonProperty("warmup") Integer warmup,
        @JsonProperty("max_instances") Integer maxInstances,
        @JsonProperty("metric") Metric metric,
        @JsonProperty("statistic") Statistic statistic) {

    public RacingSettings {
        if (enabled == null) enabled = false;
        if (warmup == null) warmup = 3;
        if (maxInstances == null) maxInstances = 10;
        if (metric == null) metric = Metric.VAL_LOSS;
        if (statistic == null) statistic = Statistic.MEAN;
    }

    public RacingSettings withEnabled(boolean on) { return new RacingSettings(on, warmup, maxInstances, metric, statistic); }

    void validate(String at) {
        SpaceViolation.require(warmup >= 1 && warmup <= 1000, at + "/warmup", "must be between 1 and 1000, got " + warmup, "use e.g. 3");
        SpaceViolation.require(maxInstances >= warmup && maxInstances <= 10_000, at + "/max_instances",
                "must be between warmup (" + warmup + ") and 10000, got " + maxInstances, "use e.g. 10");
    }
}
