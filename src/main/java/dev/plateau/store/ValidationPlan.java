package dev.plateau.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.plateau.InputException;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.SearchSpaceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a validation folder holds the results of: the resolved space (its {@code study.yaml}) and the
 * population and noise-test settings, recorded in {@code validation.json} when the folder is made. A
 * run that continues in the folder must ask for the same — otherwise its journal would mix two
 * populations, or label results of one draw count with another.
 */
public record ValidationPlan(@JsonProperty("configurations") int configurations, @JsonProperty("instances") int instances,
                             @JsonProperty("draws") int draws) {
    static final String FILE = "validation.json", SPACE = "study.yaml";

    /**
     * Records this plan and {@code space} in a new folder, or checks that an existing validation folder
     * holds exactly them.
     *
     * @throws InputException when the folder holds the validation of another space or other settings
     */
    public void recordOrCheck(Path dir, SearchSpace space) throws IOException {
        String yaml = SearchSpaceLoader.toYaml(space);
        Path plan = dir.resolve(FILE), spaceFile = dir.resolve(SPACE);
        if (!Files.exists(plan)) {
            Files.createDirectories(dir);
            Files.writeString(spaceFile, yaml);
            StudyFolder.JSON.writeValue(plan.toFile(), this);
            return;
        }
        ValidationPlan recorded = StudyFolder.JSON.readValue(plan.toFile(), ValidationPlan.class);
        List<String> differences = new ArrayList<>();
        if (!Files.exists(spaceFile) || !Files.readString(spaceFile).equals(yaml)) differences.add("the search space");
        if (recorded.configurations != configurations) differences.add("--configurations (" + recorded.configurations + " there)");
        if (recorded.instances != instances) differences.add("--instances (" + recorded.instances + " there)");
        if (recorded.draws != draws) differences.add("--draws (" + recorded.draws + " there)");
        if (!differences.isEmpty())
            throw InputException.ofOption("--out", "folder " + dir + " holds a validation that differs in " + String.join(", ", differences),
                    "continue it with the same space and options (see its " + SPACE + " and " + FILE + "), or choose another --out");
    }
}
