package dev.plateau.select;

import dev.plateau.exec.InstanceResult;
import dev.plateau.space.CandidateSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * All instances of one configuration seen so far. Its objective vector is the mean over its ok
 * instances; its representative (whose network is saved) is the ok instance with the lowest
 * validation loss, the smaller seed on ties.
 */
public record ConfigurationRecord(String configId, CandidateSpec spec, List<InstanceResult> instances) {
    public ConfigurationRecord {
        instances = List.copyOf(instances);
    }

    public List<InstanceResult> ok() { return instances.stream().filter(InstanceResult::ok).toList(); }

    /** Mean minimised objectives over ok instances; empty when none succeeded. */
    public Optional<double[]> objectives(Objectives objectives) {
        List<InstanceResult> ok = ok();
        if (ok.isEmpty()) return Optional.empty();
        double[] mean = new double[objectives.size()];
        for (InstanceResult r : ok) {
            double[] v = objectives.minimised(r);
            for (int i = 0; i < mean.length; i++) mean[i] += v[i] / ok.size();
        }
        for (double m : mean) if (!Double.isFinite(m)) return Optional.empty();
        return Optional.of(mean);
    }

    public Optional<InstanceResult> representative() {
        return ok().stream().min(Comparator.comparingDouble(InstanceResult::valLoss)
                .thenComparingInt(r -> r.instance().seed()));
    }
}
