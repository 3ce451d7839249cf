package dev.plateau.exec;

import dev.plateau.landscape.ProxyValue;
import dev.plateau.model.Resources;
import dev.plateau.space.Instance;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Everything measured for one instance. Losses are on the standardised training-loss scale; metrics
 * are the task's own figure in original units ({@code metricName}). For a failed instance the
 * measured values are NaN and {@code failure} says why.
 */
public record InstanceResult(
        Instance instance,
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
        double totalSeconds) {

    public InstanceResult {
        proxies = Map.copyOf(proxies);
    }

    /** Prefix of the failure reason of an instance rejected by a constraint before training. */
    public static final String REJECTED = "rejected: ";
    /** Prefix of the reason of an instance whose training early stopping ended. */
    public static final String PRUNED = "pruned: ";

    public boolean ok() { return failure == null; }

    /** Whether it was trained at all (rejected instances were not). */
    public boolean trained() { return failure == null || !failure.startsWith(REJECTED); }

    public String status() {
        if (ok()) return "ok";
        if (!trained()) return "rejected";
        return failure.startsWith(PRUNED) ? "pruned" : "failed";
    }

    /** The value of a metric named in {@link dev.plateau.space.ObjectiveSpec#METRICS}. */
    public double metric(String name) {
        return switch (name) {
            case "val_loss" -> valLoss;
            case "val_metric" -> valMetric;
            case "train_loss" -> trainLoss;
            case "test_loss" -> testLoss;
            case "test_metric" -> testMetric;
            case "params", "macs", "weight_bits", "bops" -> resources == null ? Double.NaN : hardware(name, resources);
            default -> {
                ProxyValue p = proxies.get(name);
                if (p == null && !ok()) yield Double.NaN;
                if (p == null) throw new NoSuchElementException("no metric '" + name + "'");
                yield p.value();
            }
        };
    }

    /** A hardware metric (params, macs, weight_bits, bops) of a network's resources. */
    public static double hardware(String name, Resources r) {
        return switch (name) {
            case "params" -> r.params();
            case "macs" -> r.macs();
            case "weight_bits" -> r.weightBits();
            case "bops" -> r.bops();
            default -> throw new IllegalArgumentException("not a hardware metric: " + name);
        };
    }

    static InstanceResult failed(Instance instance, String metricName, String reason, Resources resources, int epochs,
                                 double trainSeconds, double totalSeconds) {
        return new InstanceResult(instance, reason, metricName, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Map.of(), resources, epochs, trainSeconds, 0, totalSeconds);
    }
}
