package dev.plateau.store;

import dev.plateau.exec.InstanceResult;
import dev.plateau.landscape.ProxyValue;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.ConvLayerSpec;
import dev.plateau.landscape.ProxyFamilies;
import dev.plateau.space.Regularization;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The columns that describe a configuration's genes, shared by candidates.csv and pareto.csv. */
final class CandidateColumns {
    static final List<String> GENES = List.of("family", "conv_layers", "conv_filters", "conv_kernels", "dense_layers",
            "dense_widths", "activation", "learning_rate", "batch_size", "epochs", "w_bits", "a_bits", "l1", "l2", "weight_decay",
            "dropout", "batch_norm", "weight_noise", "orthogonality", "jacobian", "sharpness", "rho", "training_samples", "energy_input");

    private CandidateColumns() {}

    /** A configuration's genes; 32 bits stands for float32, 0 training samples for the whole training split. */
    static List<String> genes(CandidateSpec s) {
        Regularization r = s.regularization();
        return List.of(s.family().label(), Integer.toString(s.convLayers().size()),
                join(s.convLayers().stream().map(ConvLayerSpec::filters).toList()),
                join(s.convLayers().stream().map(ConvLayerSpec::kernel).toList()),
                Integer.toString(s.denseWidths().size()), join(s.denseWidths()), s.activation().label(),
                Double.toString(s.learningRate()), Integer.toString(s.batchSize()), Integer.toString(s.epochs()),
                Integer.toString(s.weightBits()), Integer.toString(s.activationBits()), Csv.num(r.l1()), Csv.num(r.l2()),
                Csv.num(r.weightDecay()), Csv.num(r.dropout()), Boolean.toString(r.batchNorm()), Csv.num(r.weightNoise()),
                Csv.num(r.orthogonality()), Csv.num(r.jacobian()), r.sharpness().label(), Csv.num(r.rho()),
                Integer.toString(s.trainingSamples()), Boolean.toString(s.energyInput()));
    }

    static final List<String> MEASURES = List.of("status", "failure", "metric", "train_loss", "val_loss", "val_metric",
            "val_balanced_accuracy", "val_auc", "test_loss", "test_metric", "params", "macs", "weight_bits", "bops", "epochs_run", "train_seconds", "proxy_seconds",
            "total_seconds");

    static List<String> measures(InstanceResult r) {
        List<String> row = new ArrayList<>();
        row.add(r.outcome().label());
        row.add(r.failure() == null ? "" : r.failure());
        row.add(r.metricName());
        row.add(Csv.num(r.trainLoss()));
        row.add(Csv.num(r.valLoss()));
        row.add(Csv.num(r.valMetric()));
        row.add(r.classes() == null ? "" : Csv.num(r.classes().balancedAccuracy()));
        row.add(r.classes() == null ? "" : Csv.num(r.classes().auc()));
        row.add(Csv.num(r.testLoss()));
        row.add(Csv.num(r.testMetric()));
        row.add(r.resources() == null ? "" : Long.toString(r.resources().params()));
        row.add(r.resources() == null ? "" : Long.toString(r.resources().macs()));
        row.add(r.resources() == null ? "" : Long.toString(r.resources().weightBits()));
        row.add(r.resources() == null ? "" : Long.toString(r.resources().bops()));
        row.add(Integer.toString(r.epochs()));
        row.add(Csv.num(r.trainSeconds()));
        row.add(Csv.num(r.proxySeconds()));
        row.add(Csv.num(r.totalSeconds()));
        return row;
    }

    /** Proxy columns: every value of every family, then each family's cost (summed over its values). */
    static List<String> proxyHeader(List<String> families) {
        List<String> h = new ArrayList<>();
        for (String f : families) h.addAll(ProxyFamilies.named(f).values());
        for (String f : families) h.addAll(List.of(f + "_forward_samples", f + "_gradient_samples", f + "_seconds"));
        return h;
    }

    static List<String> proxies(InstanceResult r, List<String> families) {
        List<String> row = new ArrayList<>();
        for (String f : families)
            for (String name : ProxyFamilies.named(f).values()) {
                ProxyValue v = r.proxies().get(name);
                row.add(v == null ? "" : Csv.num(v.value()));
            }
        for (String f : families) {
            List<ProxyValue> vs = ProxyFamilies.named(f).values().stream().map(r.proxies()::get).filter(java.util.Objects::nonNull).toList();
            row.add(vs.isEmpty() ? "" : Long.toString(vs.stream().mapToLong(ProxyValue::forwardSamples).sum()));
            row.add(vs.isEmpty() ? "" : Long.toString(vs.stream().mapToLong(ProxyValue::gradientSamples).sum()));
            row.add(vs.isEmpty() ? "" : Csv.num(vs.stream().mapToDouble(ProxyValue::seconds).sum()));
        }
        return row;
    }

    private static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(";"));
    }
}
