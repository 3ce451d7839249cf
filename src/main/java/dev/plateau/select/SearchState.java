package dev.plateau.select;

import dev.plateau.exec.EarlyStopRule;
import dev.plateau.exec.Evaluation;
import dev.plateau.exec.InstanceEngine;
import dev.plateau.exec.InstanceResult;
import dev.plateau.exec.RunControl;
import dev.plateau.space.Instance;
import dev.plateau.space.SearchSpace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every search strategy shares: the instances evaluated so far (trained now, or served from the
 * journal of an earlier run), the configurations, the archive, trainings used and the hypervolume
 * history, and the networks of archive members.
 */
final class SearchState {
    private final InstanceEngine engine;
    private final SearchListener listener;
    private final RunControl control;
    private final Map<String, InstanceResult> journal;
    private final Objectives objectives;
    private final HypervolumeHistory history;
    private final dev.plateau.space.EarlyStoppingSettings earlyStopping;

    private final Map<String, InstanceResult> cache = new HashMap<>();
    private final List<InstanceResult> results = new ArrayList<>();
    private final Map<String, List<InstanceResult>> byConfig = new LinkedHashMap<>();
    private final Map<String, byte[]> models = new HashMap<>();  // instance key -> zip, archive members only
    private ParetoArchive archive;
    private int trainings;
    private boolean stopped;
    private final UsefulnessFloor floor;

    SearchState(SearchSpace space, InstanceEngine engine, SearchListener listener, RunControl control,
                Map<String, InstanceResult> journal, UsefulnessFloor floor) {
        this.floor = floor;
        this.engine = engine;
        this.listener = listener;
        this.control = control;
        this.journal = Map.copyOf(journal);
        this.objectives = new Objectives(space.search().objectives());
        this.history = new HypervolumeHistory(objectives, space.search().hypervolume());
        this.earlyStopping = space.search().earlyStopping();
        this.archive = ParetoArchive.of(List.<ConfigurationRecord>of(), objectives);
    }

    Map<String, List<InstanceResult>> byConfig() { return byConfig; }

    boolean stopped() { return stopped; }

    /**
     * Evaluates the instances of {@code batch} not seen before, in batch order: from the journal when
     * an earlier run has them, trained otherwise. Sets {@link #stopped()} when the run must end.
     */
    List<Evaluation> evaluate(int generation, int proposals, List<Instance> batch) {
        Map<String, Instance> fresh = new LinkedHashMap<>();
        for (Instance i : batch) if (!cache.containsKey(i.key())) fresh.putIfAbsent(i.key(), i);
        List<Instance> toTrain = fresh.values().stream().filter(i -> !journal.containsKey(i.key())).toList();
        listener.generationStarted(generation, proposals, toTrain.size());
        Map<String, Evaluation> trained = new HashMap<>();
        for (Evaluation e : engine.evaluate(toTrain, control, e -> listener.instanceDone(generation, e), earlyStopRule()))
            trained.put(e.result().instance().key(), e);
        List<Evaluation> evaluations = new ArrayList<>();
        for (Instance i : fresh.values()) {
            if (journal.containsKey(i.key())) evaluations.add(new Evaluation(journal.get(i.key()), null));
            else if (trained.containsKey(i.key())) evaluations.add(trained.get(i.key()));
        }
        for (Evaluation e : evaluations) {
            InstanceResult r = e.result();
            cache.put(r.instance().key(), r);
            results.add(r);
            byConfig.computeIfAbsent(r.instance().configId(), k -> new ArrayList<>()).add(r);
            if (r.trained()) trainings++;
            if (e.model() != null) models.put(r.instance().key(), e.model());
        }
        if (evaluations.size() < fresh.size() || control.stopped().isPresent()) stopped = true;
        return evaluations;
    }

    /** Early stopping against the archive as it is now, before this generation's instances train. */
    private EarlyStopRule earlyStopRule() {
        if (!earlyStopping.enabled()) return EarlyStopRule.NEVER;
        double[] best = new double[objectives.size()];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (List<InstanceResult> rs : byConfig.values())
            objectives.of(rs).ifPresent(v -> {
                for (int i = 0; i < v.length; i++) best[i] = Math.min(best[i], v[i]);
            });
        return new ParetoEarlyStop(objectives, archive, best, earlyStopping);
    }

    /** Rebuilds the archive, records the hypervolume and tells the listener. */
    void endGeneration(int generation, List<Evaluation> evaluations, Map<String, ConfigurationStatus> statuses) {
        List<ConfigurationRecord> configs = configurations();
        archive = ParetoArchive.of(configs, objectives, floor);
        models.keySet().removeIf(key -> !archive.contains(key.substring(0, key.lastIndexOf("-s"))));
        HypervolumeHistory.Row row = history.record(generation, trainings, configs, archive);
        listener.generationDone(new GenerationReport(generation, evaluations, configs, statuses, archive, row));
    }

    /** The one grouping rule (first-seen order) that the archive also uses. */
    List<ConfigurationRecord> configurations() { return ParetoArchive.configurations(results); }

    Optional<double[]> vector(String configId) {
        List<InstanceResult> rs = byConfig.get(configId);
        return rs == null ? Optional.empty() : objectives.of(rs);
    }

    /** Per objective, a value worse than every scored configuration among {@code configIds}. */
    double[] penalty(List<String> configIds) {
        double[] worst = new double[objectives.size()];
        for (String id : configIds)
            vector(id).ifPresent(v -> {
                for (int k = 0; k < v.length; k++) worst[k] = Math.max(worst[k], v[k]);
            });
        for (int k = 0; k < worst.length; k++) worst[k] = worst[k] + Math.abs(worst[k]) + 1;
        return worst;
    }

    StudyOutcome outcome(String stopReason, int generationsDone, Map<String, ConfigurationStatus> statuses) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        List<Instance> missing = new ArrayList<>();
        for (ParetoArchive.Member m : archive.members()) {
            InstanceResult rep = m.configuration().representative().orElseThrow();
            byte[] zip = models.get(rep.instance().key());
            if (zip != null) out.put(m.configuration().configId(), zip);
            else missing.add(rep.instance());
        }
        // A finished study saves every member's network. Training is deterministic in the instance's
        // seeds, so a network that was dropped from memory (or trained in an earlier run) is retrained.
        if (stopReason == null)
            for (Evaluation e : engine.evaluate(missing))
                if (e.model() != null) out.put(e.result().instance().configId(), e.model());
        return new StudyOutcome(results, archive, out, stopReason, generationsDone, configurations(), statuses, history, trainings);
    }

    String stopReason() { return control.stopped().map(RunControl.Stop::reason).orElse("stopped"); }
}
