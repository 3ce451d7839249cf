package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashSet;
import java.util.List;

/**
 * The evolutionary search: NSGA-II population size, generations (rounds of evaluation, the random
 * initial population being the first), the objectives, and how
 * many candidates train at once ({@code workers}; 0 means one per core).
 */
public record SearchSettings(
        @JsonProperty("population") Integer population,
        @JsonProperty("generations") Integer generations,
        @JsonProperty("workers") Integer workers,
        @JsonProperty("objectives") List<ObjectiveSpec> objectives,
        @JsonProperty("strategy") SearchStrategy strategy,
        @JsonProperty("constraints") ConstraintSpec constraints,
        @JsonProperty("hypervolume") HypervolumeSpec hypervolume,
        @JsonProperty("early_stopping") EarlyStoppingSettings earlyStopping,
        @JsonProperty("floor_margin") Double floorMargin) {

    /** How much better than the trivial predictor (relative) a configuration must be to enter the archive, by default. */
    public static final double DEFAULT_FLOOR_MARGIN = 0.1;

    public SearchSettings {
        if (strategy == null) strategy = SearchStrategy.EVOLUTION;
        if (constraints == null) constraints = ConstraintSpec.none();
        if (hypervolume == null) hypervolume = new HypervolumeSpec(null, null);
        if (earlyStopping == null) earlyStopping = new EarlyStoppingSettings(null, null, null);
        if (population == null) population = 12;
        if (generations == null) generations = 4;
        if (workers == null) workers = 0;
        if (floorMargin == null) floorMargin = DEFAULT_FLOOR_MARGIN;
        if (objectives == null)
            objectives = List.of(ObjectiveSpec.min("val_loss"), ObjectiveSpec.min("noise_curvature"), ObjectiveSpec.min("macs"));
    }

    public SearchSettings withWorkers(int n) {
        return new SearchSettings(population, generations, n, objectives, strategy, constraints, hypervolume, earlyStopping, floorMargin);
    }

    public SearchSettings withPopulation(int n) {
        return new SearchSettings(n, generations, workers, objectives, strategy, constraints, hypervolume, earlyStopping, floorMargin);
    }

    public SearchSettings withStrategy(SearchStrategy s) {
        return new SearchSettings(population, generations, workers, objectives, s, constraints, hypervolume, earlyStopping, floorMargin);
    }

    public SearchSettings withHypervolume(HypervolumeSpec h) {
        return new SearchSettings(population, generations, workers, objectives, strategy, constraints, h, earlyStopping, floorMargin);
    }

    public SearchSettings withEarlyStopping(EarlyStoppingSettings e) {
        return new SearchSettings(population, generations, workers, objectives, strategy, constraints, hypervolume, e, floorMargin);
    }

    void validate(String at) {
        SpaceViolation.require(population >= 2 && population <= 10_000, at + "/population", "must be between 2 and 10000, got " + population, "use e.g. 12");
        SpaceViolation.require(generations >= 2 && generations <= 1_000_000, at + "/generations",
                "must be at least 2 (the random initial population is the first), got " + generations, "use e.g. 4");
        SpaceViolation.require(workers >= 0 && workers <= 1024, at + "/workers", "must be between 0 and 1024, got " + workers, "0 means one per core");
        SpaceViolation.require(!objectives.isEmpty(), at + "/objectives", "needs at least one objective", "e.g. [{name: val_loss}]");
        constraints.validate(at + "/constraints");
        hypervolume.validate(at + "/hypervolume", objectives.size());
        earlyStopping.validate(at + "/early_stopping");
        SpaceViolation.require(floorMargin >= 0 && floorMargin < 1, at + "/floor_margin", "must be in [0, 1), got " + floorMargin,
                "use e.g. 0.1: a configuration must be 10 % better than the trivial predictor");
        var seen = new HashSet<String>();
        for (int i = 0; i < objectives.size(); i++) {
            SpaceViolation.require(objectives.get(i) != null, at + "/objectives/" + i, "is empty", "e.g. {name: val_loss, direction: min}");
            objectives.get(i).validate(at + "/objectives/" + i);
            SpaceViolation.require(seen.add(objectives.get(i).label()), at + "/objectives/" + i,
                    "'" + objectives.get(i).label() + "' is named twice", "name each objective (metric and statistic) once");
        }
    }
}
