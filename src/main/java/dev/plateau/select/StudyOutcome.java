package dev.plateau.select;

import dev.plateau.exec.InstanceResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a search hands over: every instance result in evaluation order, the configurations with their
 * racing status, the archive, the saved deployed model (DL4J zip with schema, domain and integer form)
 * of each archive member's representative by configId, the hypervolume history, trainings used, and
 * why it stopped early ({@code stopReason}
 * null when it ran to the end). A stopped study can be resumed.
 */
public record StudyOutcome(
        List<InstanceResult> results,
        ParetoArchive archive,
        Map<String, byte[]> archiveModels,
        String stopReason,
        int generationsDone,
        List<ConfigurationRecord> configurations,
        Map<String, ConfigurationStatus> statuses,
        HypervolumeHistory hypervolume,
        int trainings) {

    public StudyOutcome {
        results = List.copyOf(results);
        archiveModels = Map.copyOf(archiveModels);
        configurations = List.copyOf(configurations);
        statuses = Map.copyOf(statuses);
    }

    public Optional<String> stopped() { return Optional.ofNullable(stopReason); }

    /** Instances whose training early stopping ended. */
    public long pruned() { return results.stream().filter(r -> r.outcome() == dev.plateau.exec.Outcome.PRUNED).count(); }

    /** Epochs actually trained, over all trained instances. */
    public long epochsRun() { return results.stream().filter(InstanceResult::trained).mapToLong(InstanceResult::epochs).sum(); }

    /** Epochs the trained instances' configurations asked for. */
    public long epochsPlanned() {
        return results.stream().filter(InstanceResult::trained).mapToLong(r -> r.instance().spec().epochs()).sum();
    }
}
