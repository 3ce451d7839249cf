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

    public boolean ok() { return failure == null; }

    public String status() { return ok() ? "ok" : "failed"; }

    /** The value of a metric named in {@link dev.plateau.space.ObjectiveSpec#METRICS}. */
    public double metric(String name) {
        return switch (name) {
            case "val_loss" -> valLoss;
            case "val_metric" -> valMetric;
            case "train_loss" -> trainLoss;
            case "test_loss" -> testLoss;
            case "test_metric" -> testMetric;
            case "params" -> resources == null ? Double.NaN : resources.params();
            case "macs" -> resources == null ? Double.NaN : resources.macs();
            default -> {
                ProxyValue p = proxies.get(name);
                if (p == null && !ok()) yield Double.NaN;
                if (p == null) throw new NoSuchElementException("no metric '" + name + "'");
                yield p.value();
            }
        };
    }

    static InstanceResult failed(Instance instance, String metricName, String reason, Resources resources, int epochs,
                                 double trainSeconds, double totalSeconds) {
        return new InstanceResult(instance, reason, metricName, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Map.of(), resources, epochs, trainSeconds, 0, totalSeconds);
    }
}
