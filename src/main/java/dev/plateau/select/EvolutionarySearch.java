package dev.plateau.select;

import dev.plateau.exec.Evaluation;
import dev.plateau.exec.InstanceEngine;
import dev.plateau.exec.InstanceResult;
import dev.plateau.exec.RunControl;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.Instance;
import dev.plateau.space.SearchSpace;
import io.jenetics.IntegerGene;
import io.jenetics.Mutator;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.TournamentSelector;
import io.jenetics.UniformCrossover;
import io.jenetics.engine.Engine;
import io.jenetics.engine.Evaluator;
import io.jenetics.ext.moea.NSGA2Selector;
import io.jenetics.ext.moea.Vec;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGeneratorFactory;

/**
 * NSGA-II over candidate genotypes (design §3), optionally with instance racing. The Jenetics engine
 * runs single-threaded in the caller's thread with its randomness from the study seed; each
 * generation's new instances are evaluated as one batch by the {@link InstanceEngine}, in parallel
 * there. So a study depends on its seed only, never on the number of workers.
 *
 * <p>Without racing, the seed gene picks the instance; with racing, {@link Racing} decides how many
 * instances each configuration gets. Either way a phenotype's fitness is its configuration's
 * objective vector over all its instances so far, and a configuration with no ok instance gets a
 * fitness worse than every scored one in its generation.
 *
 * <p>Resume: given the journal of an earlier run, the search replays from the start with the same seed
 * and serves journaled instances from it instead of training them. The engine sees the same fitness
 * values, so it proposes the same populations, and the run continues exactly where an uninterrupted
 * one would be; only instances that were running when the earlier run died are trained again.
 */
public final class EvolutionarySearch {
    private static final String RNG = "L64X256MixRandom";

    private final SearchSpace space;
    private final Genome genome;
    private final SearchState state;
    private final Racing racing;
    private int generation;

    public EvolutionarySearch(SearchSpace space, InstanceEngine engine, SearchListener listener) {
        this(space, engine, listener, RunControl.unlimited(), Map.of());
    }

    /** @param journal results of an earlier run of this study, by {@link Instance#key()} */
    public EvolutionarySearch(SearchSpace space, InstanceEngine engine, SearchListener listener, RunControl control,
                              Map<String, InstanceResult> journal) {
        this(space, engine, listener, control, journal, UsefulnessFloor.NONE);
    }

    /** @param floor what a configuration must clear to enter the archive */
    public EvolutionarySearch(SearchSpace space, InstanceEngine engine, SearchListener listener, RunControl control,
                              Map<String, InstanceResult> journal, UsefulnessFloor floor) {
        this.space = space;
        this.genome = new Genome(space);
        this.state = new SearchState(space, engine, listener, control, journal, floor);
        this.racing = space.racing().enabled() ? new Racing(space.racing(), space.study().seed()) : null;
    }

    /** The share of the population bred anew each generation (Jenetics' default): a generation's batch of new candidates. */
    public static final double OFFSPRING_FRACTION = 0.6;

    /** The smallest population whose generations bring at least {@code slots} new candidates. */
    public static int populationFilling(int slots) { return (int) Math.ceil(slots / OFFSPRING_FRACTION); }

    public StudyOutcome run() {
        var random = RandomGeneratorFactory.of(RNG).create(space.study().seed());
        boolean[] stopped = {false};
        RandomRegistry.with(random, r -> {
            Engine<IntegerGene, Vec<double[]>> ga = new Engine.Builder<>(batchEvaluator(), genome.factory())
                    .populationSize(space.search().population())
                    .optimize(Optimize.MINIMUM)
                    .offspringFraction(OFFSPRING_FRACTION)
                    .offspringSelector(new TournamentSelector<>(2))
                    .survivorsSelector(NSGA2Selector.ofVec())
                    .alterers(new UniformCrossover<>(0.3, 0.3), new Mutator<>(2.0 / genome.length()))
                    .executor(Runnable::run)
                    .build();
            try {
                // Jenetics evaluates the random initial population in a round of its own before the first
                // generation's offspring, so g rounds of evaluation take g − 1 evolution steps.
                ga.stream().limit(space.search().generations() - 1).forEach(gen -> { });
            } catch (Stopped e) {
                stopped[0] = true;  // unwinds the engine's stream; the outcome says why
            }
            return null;
        });
        Map<String, ConfigurationStatus> statuses = racing == null ? Map.of() : racing.statuses();
        return stopped[0] ? state.outcome(state.stopReason(), generation - 1, statuses) : state.outcome(null, generation, statuses);
    }

    /** Thrown inside the Jenetics stream to leave it when the run must stop. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() { super(null, null, false, false); }
    }

    private Evaluator<IntegerGene, Vec<double[]>> batchEvaluator() {
        return this::evaluateGeneration;
    }

    private ISeq<Phenotype<IntegerGene, Vec<double[]>>> evaluateGeneration(Seq<Phenotype<IntegerGene, Vec<double[]>>> population) {
        generation++;
        List<Instance> decoded = new ArrayList<>(population.size());
        Map<String, CandidateSpec> proposed = new LinkedHashMap<>();
        List<Instance> batch = new ArrayList<>();
        int proposals = 0;
        for (Phenotype<IntegerGene, Vec<double[]>> p : population) {
            Instance instance = genome.decode(p.genotype());
            decoded.add(instance);
            if (p.isEvaluated()) continue;
            proposals++;
            proposed.putIfAbsent(instance.configId(), instance.spec());
            if (racing == null) batch.add(instance);
        }
        if (racing != null) batch = racing.schedule(generation, List.copyOf(proposed.values()));
        List<Evaluation> evaluations = state.evaluate(generation, proposals, batch);
        if (racing != null && !state.stopped()) racing.update(generation, state.byConfig());
        state.endGeneration(generation, evaluations, racing == null ? Map.of() : racing.statuses());
        if (state.stopped()) throw new Stopped();

        double[] penalty = state.penalty(decoded.stream().map(Instance::configId).distinct().toList());
        List<Phenotype<IntegerGene, Vec<double[]>>> scored = new ArrayList<>(population.size());
        for (int i = 0; i < population.size(); i++) {
            Phenotype<IntegerGene, Vec<double[]>> p = population.get(i);
            scored.add(p.isEvaluated() ? p : p.withFitness(Vec.of(state.vector(decoded.get(i).configId()).orElse(penalty))));
        }
        return ISeq.of(scored);
    }
}
