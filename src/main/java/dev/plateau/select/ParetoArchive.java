package dev.plateau.select;

import dev.plateau.exec.InstanceResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The non-dominated configurations among all evaluated in the study, by their mean objectives. Rebuilt
 * from every result, so it holds configurations from any generation, not only the last population.
 */
public record ParetoArchive(Objectives objectives, List<Member> members) {

    /** An archive member: its configuration and its minimised mean objective vector. */
    public record Member(ConfigurationRecord configuration, double[] objectives) {}

    public ParetoArchive {
        members = List.copyOf(members);
    }

    /** Groups results by configuration (first-seen order) and keeps the non-dominated ones. */
    public static ParetoArchive ofResults(List<InstanceResult> results, Objectives objectives) {
        return of(configurations(results), objectives);
    }

    /** The non-dominated configurations among {@code configs}, in their order. */
    public static ParetoArchive of(List<ConfigurationRecord> configs, Objectives objectives) {
        return of(configs, objectives, UsefulnessFloor.NONE);
    }

    /** The non-dominated configurations among those of {@code configs} that clear {@code floor}, in their order. */
    public static ParetoArchive of(List<ConfigurationRecord> configs, Objectives objectives, UsefulnessFloor floor) {
        List<ConfigurationRecord> scored = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        for (ConfigurationRecord c : configs)
            if (floor.admits(c)) c.objectives(objectives).ifPresent(v -> {
                scored.add(c);
                points.add(v);
            });
        List<Member> members = new ArrayList<>();
        for (int i : Dominance.nonDominated(points)) members.add(new Member(scored.get(i), points.get(i)));
        return new ParetoArchive(objectives, members);
    }

    public static List<ConfigurationRecord> configurations(List<InstanceResult> results) {
        Map<String, List<InstanceResult>> byConfig = new LinkedHashMap<>();
        for (InstanceResult r : results) byConfig.computeIfAbsent(r.instance().configId(), k -> new ArrayList<>()).add(r);
        List<ConfigurationRecord> out = new ArrayList<>();
        byConfig.forEach((id, rs) -> out.add(new ConfigurationRecord(id, rs.get(0).instance().spec(), rs)));
        return out;
    }

    public boolean contains(String configId) {
        return members.stream().anyMatch(m -> m.configuration().configId().equals(configId));
    }

    public int size() { return members.size(); }
}
