package dev.plateau.select;

import dev.plateau.exec.Evaluation;
import java.util.List;
import java.util.Map;

/**
 * The state of a study after a generation: its new evaluations (trained now or replayed from the
 * journal), all configurations and their racing status, the archive, trainings used so far and the
 * hypervolume row.
 */
public record GenerationReport(
        int generation,
        List<Evaluation> evaluations,
        List<ConfigurationRecord> configurations,
        Map<String, ConfigurationStatus> statuses,
        ParetoArchive archive,
        HypervolumeHistory.Row hypervolume) {
    public GenerationReport {
        evaluations = List.copyOf(evaluations);
        configurations = List.copyOf(configurations);
        statuses = Map.copyOf(statuses);
    }
}
