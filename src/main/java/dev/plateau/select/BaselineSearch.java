package dev.plateau.select;

import dev.plateau.exec.Evaluation;
import dev.plateau.exec.InstanceEngine;
import dev.plateau.exec.InstanceResult;
import dev.plateau.exec.RunControl;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.Instance;
import dev.plateau.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The baselines racing + evolution is measured against, in the same harness (engine, journal,
 * archive, hypervolume): {@code random} draws {@code population} new configurations per generation
 * for {@code generations} generations; {@code grid} evaluates every configuration of the space,
 * {@code population} per generation. Both train every configuration's full instance budget (seeds
 * 1..{@code racing.max_instances}).
 */
public final class BaselineSearch {
    private final SearchSpace space;
    private final Genome genome;
    private final SearchState state;

    public BaselineSearch(SearchSpace space, InstanceEngine engine, SearchListener listener, RunControl control,
                          Map<String, InstanceResult> journal) {
        this(space, engine, listener, control, journal, UsefulnessFloor.NONE);
    }

    /** @param floor what a configuration must clear to enter the archive */
    public BaselineSearch(SearchSpace space, InstanceEngine engine, SearchListener listener, RunControl control,
                          Map<String, InstanceResult> journal, UsefulnessFloor floor) {
        this.space = space;
        this.genome = new Genome(space);
        this.state = new SearchState(space, engine, listener, control, journal, floor);
    }

    public StudyOutcome run() {
        List<List<CandidateSpec>> batches = space.search().strategy() == dev.plateau.space.SearchStrategy.GRID ? gridBatches() : randomBatches();
        int generation = 0;
        for (List<CandidateSpec> batch : batches) {
            generation++;
            List<Instance> instances = new ArrayList<>();
            for (CandidateSpec spec : batch)
                for (int seed = 1; seed <= space.racing().maxInstances(); seed++) instances.add(Instance.of(space.study().seed(), spec, seed));
            List<Evaluation> evaluations = state.evaluate(generation, batch.size(), instances);
            state.endGeneration(generation, evaluations, Map.of());
            if (state.stopped()) return state.outcome(state.stopReason(), generation - 1, Map.of());
        }
        return state.outcome(null, generation, Map.of());
    }

    private List<List<CandidateSpec>> gridBatches() {
        return chunks(genome.allConfigurations());
    }

    private List<List<CandidateSpec>> randomBatches() {
        return chunks(genome.randomConfigurations(space.search().population() * space.search().generations(), space.study().seed()));
    }

    private List<List<CandidateSpec>> chunks(List<CandidateSpec> all) {
        List<List<CandidateSpec>> out = new ArrayList<>();
        int size = space.search().population();
        for (int i = 0; i < all.size(); i += size) out.add(all.subList(i, Math.min(all.size(), i + size)));
        return out;
    }
}
