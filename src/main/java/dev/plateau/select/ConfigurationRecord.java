package dev.plateau.select;

import dev.plateau.exec.InstanceResult;
import dev.plateau.space.CandidateSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * All instances of one configuration seen so far. Its objective vector is each objective's statistic
 * over its ok instances ({@link Objectives}); its representative (whose network is saved) is the ok instance with the lowest
 * validation loss, the smaller seed on ties.
 */
public record ConfigurationRecord(String configId, CandidateSpec spec, List<InstanceResult> instances) {
    public ConfigurationRecord {
        instances = List.copyOf(instances);
    }

    public List<InstanceResult> ok() { return instances.stream().filter(InstanceResult::ok).toList(); }

    public Optional<double[]> objectives(Objectives objectives) { return objectives.of(instances); }

    public Optional<InstanceResult> representative() {
        return ok().stream().min(Comparator.comparingDouble(InstanceResult::valLoss)
                .thenComparingInt(r -> r.instance().seed()));
    }
}
