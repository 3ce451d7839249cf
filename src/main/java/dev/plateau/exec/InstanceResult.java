package dev.plateau.exec;

import dev.plateau.landscape.ProxyValue;
import dev.plateau.model.Resources;
import dev.plateau.space.Instance;
import dev.plateau.space.Metric;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Everything measured for one instance. Losses are on the standardised training-loss scale; metrics
 * are the task's own figure in original units ({@code metricName}). For an instance that did not end
 * {@linkplain Outcome#OK ok} the measured values are NaN and {@code failure} says why.
 *
 * @param robustness full noise testing of the trained network, when the run asked for it (validate); else null
 * @param outcome    how it ended (journals written before it was recorded: read from the failure text)
 * @param classes    a classifier's validation balanced accuracy and macro AUC (event-weighted); null for regression
 */
public record InstanceResult(
        Instance instance,
        Outcome outcome,
        String failure,
        String metricName,
        double trainLoss,
        double valLoss,
        double valMetric,
        double testLoss,
        double testMetric,
        Map<String, ProxyValue> proxies,
        Resources resources,
        int epochs,
        double trainSeconds,
        double proxySeconds,
        double totalSeconds,
        dev.plateau.robustness.RobustnessTest.Report robustness,
        ClassQuality classes) {
    /**
     * The one JSON form of results (and of instances): journal lines, and results coming back from a
     * remote engine's workers. NaN and infinities are kept as the non-numeric tokens.
     */
    public static final com.fasterxml.jackson.databind.ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();


    /** What accuracy hides when classes differ in size (see {@link dev.plateau.data.ClassScores}). */
    public record ClassQuality(double balancedAccuracy, double auc) {}

    @com.fasterxml.jackson.annotation.JsonCreator
    public InstanceResult {
        // by name: Map.copyOf's iteration order changes from JVM to JVM, and tables iterate these
        proxies = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(proxies));
        if (outcome == null) outcome = failure == null ? Outcome.OK : failure.startsWith(REJECTED) ? Outcome.REJECTED
                : failure.startsWith(PRUNED) ? Outcome.PRUNED : Outcome.FAILED;
        if ((outcome == Outcome.OK) != (failure == null)) throw new IllegalArgumentException("an instance fails with a reason, or is ok without one");
    }

    /** A result without full noise testing. */
    public InstanceResult(Instance instance, String failure, String metricName, double trainLoss, double valLoss, double valMetric,
                          double testLoss, double testMetric, Map<String, ProxyValue> proxies, Resources resources, int epochs,
                          double trainSeconds, double proxySeconds, double totalSeconds) {
        this(instance, null, failure, metricName, trainLoss, valLoss, valMetric, testLoss, testMetric, proxies, resources, epochs, trainSeconds,
                proxySeconds, totalSeconds, null, null);
    }

    /** This result with full noise testing's report. */
    public InstanceResult withRobustness(dev.plateau.robustness.RobustnessTest.Report report) {
        return new InstanceResult(instance, outcome, failure, metricName, trainLoss, valLoss, valMetric, testLoss, testMetric, proxies, resources,
                epochs, trainSeconds, proxySeconds, totalSeconds, report, classes);
    }

    /** This result with a classifier's balanced accuracy and AUC. */
    public InstanceResult withClasses(ClassQuality quality) {
        return new InstanceResult(instance, outcome, failure, metricName, trainLoss, valLoss, valMetric, testLoss, testMetric, proxies, resources,
                epochs, trainSeconds, proxySeconds, totalSeconds, robustness, quality);
    }

    /** Prefix of the failure reason of an instance rejected by a constraint before training. */
    public static final String REJECTED = "rejected: ";
    /** Prefix of the reason of an instance whose training early stopping ended. */
    public static final String PRUNED = "pruned: ";

    public boolean ok() { return outcome == Outcome.OK; }

    /**
     * The predicted rise of the task error under a deployed metric's disturbance, at least 0 (see
     * {@link Metric}); 0 when its predictor was not computed (the disturbance is not declared).
     */
    private double rise(Metric part) {
        ProxyValue p = proxies.get(part.risePredictor());
        return p == null ? 0 : Math.max(0, p.value());
    }

    /**
     * The standard error of a deployed metric: that of its predicted rises, added in quadrature (the
     * disturbances' probes draw independently). The clamp of a negative rise to 0 does not shrink it:
     * a rise of −0.002 ± 0.003 says "flat, to within 0.003". NaN when a rise has no standard error
     * (a probe of one draw, or an older study).
     */
    public double standardError(Metric deployed) {
        List<Metric> parts = deployed == Metric.DEPLOYED_METRIC ? Metric.deployedParts() : List.of(deployed);
        if (parts.stream().anyMatch(p -> p.risePredictor() == null)) throw new IllegalArgumentException("not a deployed metric: " + deployed.label());
        double variance = 0;
        for (Metric part : parts) {
            if (!proxies.containsKey(part.risePredictor())) continue;
            ProxyValue e = proxies.get(part.risePredictor() + STANDARD_ERROR);
            variance += e == null ? Double.NaN : e.value() * e.value();
        }
        return Math.sqrt(variance);
    }

    /** Suffix of the value that holds a proxy's standard error. */
    public static final String STANDARD_ERROR = "_stderr";

    /** The validation task metric as an error, lower is better: the metric itself, or 1 − accuracy. */
    public double taskError() {
        return dev.plateau.data.TaskMetric.ofLabel(metricName).error(valMetric);
    }

    /** Whether it was trained at all (rejected instances were not). */
    public boolean trained() { return outcome != Outcome.REJECTED; }

    /** The value of an objective's metric: a {@link Metric}, or a proxy value by name. */
    public double metric(String name) {
        var metric = Metric.find(name);
        if (metric.isPresent()) return metric(metric.get());
        ProxyValue p = proxies.get(name);
        if (p == null && !ok()) return Double.NaN;
        if (p == null) throw new NoSuchElementException("no metric '" + name + "'");
        return p.value();
    }

    public double metric(Metric metric) {
        return switch (metric) {
            case VAL_LOSS -> valLoss;
            case VAL_METRIC -> valMetric;
            case TRAIN_LOSS -> trainLoss;
            case TEST_LOSS -> testLoss;
            case TEST_METRIC -> testMetric;
            case DEPLOYED_METRIC -> {
                double e = taskError();
                for (Metric part : Metric.deployedParts()) e += rise(part);
                yield e;
            }
            case DEPLOYED_METRIC_WEIGHT_NOISE, DEPLOYED_METRIC_FAULTS, DEPLOYED_METRIC_INPUT_NOISE -> taskError() + rise(metric);
            case PARAMS, MACS, WEIGHT_BITS, BOPS -> resources == null ? Double.NaN : hardware(metric, resources);
        };
    }

    /** A hardware metric of a network's resources. */
    public static double hardware(Metric metric, Resources r) {
        return switch (metric) {
            case PARAMS -> r.params();
            case MACS -> r.macs();
            case WEIGHT_BITS -> r.weightBits();
            case BOPS -> r.bops();
            default -> throw new IllegalArgumentException("not a hardware metric: " + metric.label());
        };
    }

    static InstanceResult failed(Instance instance, Outcome outcome, String metricName, String reason, Resources resources, int epochs,
                                 double trainSeconds, double totalSeconds) {
        return new InstanceResult(instance, outcome, reason, metricName, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Map.of(), resources, epochs, trainSeconds, 0, totalSeconds, null, null);
    }
}
