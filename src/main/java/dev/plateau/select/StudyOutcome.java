package dev.plateau.select;

import dev.plateau.exec.InstanceResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a search hands over: every instance result in evaluation order, the archive, the trained
 * network (DL4J zip bytes) of archive members' representatives by configId, and why it stopped early
 * ({@code stopReason} null when every generation ran). A stopped study can be resumed.
 */
public record StudyOutcome(List<InstanceResult> results, ParetoArchive archive, Map<String, byte[]> archiveModels,
                           String stopReason, int generationsDone) {
    public StudyOutcome {
        results = List.copyOf(results);
        archiveModels = Map.copyOf(archiveModels);
    }

    public Optional<String> stopped() { return Optional.ofNullable(stopReason); }
}
