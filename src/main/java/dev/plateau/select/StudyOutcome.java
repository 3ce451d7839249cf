package dev.plateau.select;

import dev.plateau.exec.InstanceResult;
import java.util.List;
import java.util.Map;

/**
 * What a finished search hands over: every instance result in evaluation order, the final archive,
 * and the trained network (DL4J zip bytes) of each archive member's representative, by configId.
 */
public record StudyOutcome(List<InstanceResult> results, ParetoArchive archive, Map<String, byte[]> archiveModels) {
    public StudyOutcome {
        results = List.copyOf(results);
        archiveModels = Map.copyOf(archiveModels);
    }
}
