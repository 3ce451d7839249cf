package dev.plateau.select;

import dev.plateau.exec.InstanceResult;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.Instance;
import dev.plateau.space.RacingSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Instance racing (calorimeter-racing-study.md §2, Algorithm 1) inside the evolutionary search. A
 * configuration the search proposes for the first time gets {@code warmup} instances (seeds 1..k).
 * After each generation, the racing statistic of every surviving configuration's instance losses is
 * compared with the median of that statistic over the surviving pool; worse ones are dropped (they
 * train no more instances, but stay in the study and the archive with what they have). Each later
 * generation gives every survivor one more instance, until {@code maxInstances} completes it.
 */
final class Racing {
    enum Status { RACING, DROPPED, COMPLETE }

    private static final class Entry {
        final CandidateSpec spec;
        final int registered;
        int scheduled;
        Status status = Status.RACING;
        int droppedIn;

        Entry(CandidateSpec spec, int registered) {
            this.spec = spec;
            this.registered = registered;
        }
    }

    private final RacingSettings settings;
    private final long studySeed;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    Racing(RacingSettings settings, long studySeed) {
        this.settings = settings;
        this.studySeed = studySeed;
    }

    /** The instances of this generation: one more for each survivor, then warm-ups for new configurations. */
    List<Instance> schedule(int generation, List<CandidateSpec> proposed) {
        List<Instance> out = new ArrayList<>();
        for (Entry e : entries.values())
            if (e.status == Status.RACING && e.registered < generation && e.scheduled < settings.maxInstances())
                out.add(Instance.of(studySeed, e.spec, ++e.scheduled));
        for (CandidateSpec spec : proposed) {
            if (entries.containsKey(spec.configId())) continue;
            Entry e = new Entry(spec, generation);
            entries.put(spec.configId(), e);
            for (int s = 1; s <= settings.warmup(); s++) out.add(Instance.of(studySeed, spec, ++e.scheduled));
        }
        return out;
    }

    /** Applies the criterion after a generation's instances are known. */
    void update(int generation, Map<String, List<InstanceResult>> byConfig) {
        List<Entry> pool = new ArrayList<>();
        List<Double> stats = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.status != Status.RACING) continue;
            pool.add(e);
            stats.add(statistic(byConfig.getOrDefault(e.spec.configId(), List.of())));
        }
        if (pool.size() >= 2) {
            double[] sorted = stats.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
            for (int i = 0; i < pool.size(); i++)
                if (stats.get(i) > median) {
                    pool.get(i).status = Status.DROPPED;
                    pool.get(i).droppedIn = generation;
                }
        }
        for (Entry e : entries.values())
            if (e.status == Status.RACING && e.scheduled >= settings.maxInstances()) e.status = Status.COMPLETE;
    }

    /** The racing statistic of the instance losses; a configuration with no ok instance is the worst. */
    private double statistic(List<InstanceResult> instances) {
        double[] v = instances.stream().filter(InstanceResult::ok).mapToDouble(r -> r.metric(settings.metric())).toArray();
        double s = settings.statistic().of(v);
        return Double.isFinite(s) ? s : Double.POSITIVE_INFINITY;
    }

    /** Per configuration: racing, complete, or dropped in generation g. */
    Map<String, ConfigurationStatus> statuses() {
        Map<String, ConfigurationStatus> out = new LinkedHashMap<>();
        entries.forEach((id, e) -> out.put(id, switch (e.status) {
            case RACING -> ConfigurationStatus.of(ConfigurationStatus.State.RACING);
            case COMPLETE -> ConfigurationStatus.of(ConfigurationStatus.State.COMPLETE);
            case DROPPED -> ConfigurationStatus.droppedIn(e.droppedIn);
        }));
        return out;
    }
}
