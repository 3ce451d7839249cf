package dev.plateau.select;

import dev.plateau.exec.Evaluation;
import dev.plateau.exec.InstanceEngine;
import dev.plateau.exec.InstanceResult;
import dev.plateau.exec.RunControl;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGeneratorFactory;

/**
 * NSGA-II over candidate genotypes (design §3). The Jenetics engine runs single-threaded in the
 * caller's thread with its randomness from the study seed; each generation's new instances are
 * evaluated as one batch by the {@link InstanceEngine}, in parallel there. So a study depends on its
 * seed only, never on the number of workers.
 *
 * <p>An instance (configuration + seed) is trained once per study: repeated genotypes reuse the
 * cached result. A failed instance gets a fitness worse than every ok one of its generation.
 *
 * <p>Resume: given the journal of an earlier run, the search replays from the start with the same seed
 * and serves journaled instances from it instead of training them. The engine sees the same fitness
 * values, so it proposes the same populations, and the run continues exactly where an uninterrupted
 * one would be; only instances that were running when the earlier run died are trained again.
 */
public final class EvolutionarySearch {
    private static final String RNG = "L64X256MixRandom";

    private final SearchSpace space;
    private final InstanceEngine engine;
    private final SearchListener listener;
    private final Genome genome;
    private final Objectives objectives;
    private final RunControl control;
    private final Map<String, InstanceResult> journal;

    private final Map<String, InstanceResult> cache = new HashMap<>();
    private final List<InstanceResult> results = new ArrayList<>();
    private final Map<String, byte[]> models = new HashMap<>();  // instance key -> zip, archive members only
    private ParetoArchive archive;
    private int generation;

    public EvolutionarySearch(SearchSpace space, InstanceEngine engine, SearchListener listener) {
        this(space, engine, listener, RunControl.unlimited(), Map.of());
    }

    /**
     * @param journal results of an earlier run of this study, by {@link Instance#key()}
     */
    public EvolutionarySearch(SearchSpace space, InstanceEngine engine, SearchListener listener, RunControl control,
                              Map<String, InstanceResult> journal) {
        this.control = control;
        this.journal = Map.copyOf(journal);
        this.space = space;
        this.engine = engine;
        this.listener = listener;
        this.genome = new Genome(space);
        this.objectives = new Objectives(space.search().objectives());
        this.archive = ParetoArchive.of(List.of(), objectives);
    }

    public StudyOutcome run() {
        var random = RandomGeneratorFactory.of(RNG).create(space.study().seed());
        boolean[] stopped = {false};
        RandomRegistry.with(random, r -> {
            Engine<IntegerGene, Vec<double[]>> ga = new Engine.Builder<>(batchEvaluator(), genome.factory())
                    .populationSize(space.search().population())
                    .optimize(Optimize.MINIMUM)
                    .offspringSelector(new TournamentSelector<>(2))
                    .survivorsSelector(NSGA2Selector.ofVec())
                    .alterers(new UniformCrossover<>(0.3, 0.3), new Mutator<>(2.0 / Genome.LENGTH))
                    .executor(Runnable::run)
                    .build();
            // Jenetics evaluates the random initial population in a round of its own before the first
            // generation's offspring, so g rounds of evaluation take g − 1 evolution steps.
            try {
                ga.stream().limit(space.search().generations() - 1).forEach(gen -> { });
            } catch (Stopped e) {
                stopped[0] = true;  // unwinds the engine's stream; the outcome below says why
            }
            return null;
        });
        if (stopped[0])
            return new StudyOutcome(results, archive, keptModels(),
                    control.stopped().map(RunControl.Stop::reason).orElse("stopped"), generation - 1);
        return new StudyOutcome(results, archive, archiveModels(), null, generation);
    }

    /** Thrown inside the Jenetics stream to leave it when the run must stop. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() { super(null, null, false, false); }
    }

    private Evaluator<IntegerGene, Vec<double[]>> batchEvaluator() {
        return population -> evaluateGeneration(population);
    }

    private ISeq<Phenotype<IntegerGene, Vec<double[]>>> evaluateGeneration(Seq<Phenotype<IntegerGene, Vec<double[]>>> population) {
        generation++;
        Map<String, Instance> fresh = new LinkedHashMap<>();
        List<Instance> decoded = new ArrayList<>(population.size());
        for (Phenotype<IntegerGene, Vec<double[]>> p : population) {
            Instance instance = genome.decode(p.genotype());
            decoded.add(instance);
            if (!p.isEvaluated() && !cache.containsKey(instance.key())) fresh.putIfAbsent(instance.key(), instance);
        }
        List<Instance> toTrain = fresh.values().stream().filter(i -> !journal.containsKey(i.key())).toList();
        listener.generationStarted(generation, (int) population.stream().filter(p -> !p.isEvaluated()).count(), toTrain.size());
        Map<String, Evaluation> trained = new HashMap<>();
        int g = generation;
        for (Evaluation e : engine.evaluate(toTrain, control, e -> listener.instanceDone(g, e)))
            trained.put(e.result().instance().key(), e);
        List<Evaluation> evaluations = new ArrayList<>();
        for (Instance i : fresh.values()) {
            if (journal.containsKey(i.key())) evaluations.add(new Evaluation(journal.get(i.key()), null));
            else if (trained.containsKey(i.key())) evaluations.add(trained.get(i.key()));
        }
        for (Evaluation e : evaluations) {
            cache.put(e.result().instance().key(), e.result());
            results.add(e.result());
            if (e.model() != null) models.put(e.result().instance().key(), e.model());
        }
        archive = ParetoArchive.of(results, objectives);
        models.keySet().removeIf(key -> !archive.contains(key.substring(0, key.lastIndexOf("-s"))));
        listener.generationDone(generation, evaluations, archive);
        if (evaluations.size() < fresh.size() || control.stopped().isPresent()) throw new Stopped();

        double[] penalty = penalty(decoded);
        List<Phenotype<IntegerGene, Vec<double[]>>> scored = new ArrayList<>(population.size());
        for (int i = 0; i < population.size(); i++) {
            Phenotype<IntegerGene, Vec<double[]>> p = population.get(i);
            if (p.isEvaluated()) {
                scored.add(p);
                continue;
            }
            InstanceResult r = cache.get(decoded.get(i).key());
            double[] v = r.ok() ? objectives.minimised(r) : penalty;
            scored.add(p.withFitness(Vec.of(finite(v, penalty))));
        }
        return ISeq.of(scored);
    }

    /** Per objective, a value worse than every ok result of this population. */
    private double[] penalty(List<Instance> population) {
        double[] worst = new double[objectives.size()];
        java.util.Arrays.fill(worst, 0);
        for (Instance i : population) {
            InstanceResult r = cache.get(i.key());
            if (r == null || !r.ok()) continue;
            double[] v = objectives.minimised(r);
            for (int k = 0; k < v.length; k++) if (Double.isFinite(v[k])) worst[k] = Math.max(worst[k], v[k]);
        }
        for (int k = 0; k < worst.length; k++) worst[k] = worst[k] + Math.abs(worst[k]) + 1;
        return worst;
    }

    private static double[] finite(double[] v, double[] fallback) {
        double[] out = v.clone();
        for (int k = 0; k < out.length; k++) if (!Double.isFinite(out[k])) out[k] = fallback[k];
        return out;
    }

    /** Representative networks of archive members that are still in memory. */
    private Map<String, byte[]> keptModels() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (ParetoArchive.Member m : archive.members()) {
            byte[] zip = models.get(m.configuration().representative().orElseThrow().instance().key());
            if (zip != null) out.put(m.configuration().configId(), zip);
        }
        return out;
    }

    /** Representative networks of the archive members; members whose network was dropped are retrained. */
    private Map<String, byte[]> archiveModels() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        List<Instance> missing = new ArrayList<>();
        for (ParetoArchive.Member m : archive.members()) {
            InstanceResult rep = m.configuration().representative().orElseThrow();
            byte[] zip = models.get(rep.instance().key());
            if (zip != null) out.put(m.configuration().configId(), zip);
            else missing.add(rep.instance());
        }
        // Training is deterministic in the instance's seeds, so a retrained network is the same network.
        for (Evaluation e : engine.evaluate(missing))
            if (e.model() != null) out.put(e.result().instance().configId(), e.model());
        return out;
    }
}
