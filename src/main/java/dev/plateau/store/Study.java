package dev.plateau.store;

import dev.plateau.exec.InstanceResult;
import dev.plateau.robustness.RobustnessTest;
import dev.plateau.select.ConfigurationStatus;
import dev.plateau.select.HypervolumeHistory;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.SearchSpace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A study folder as typed records, read by {@link StudyReader} — finished, stopped or still running:
 * the one way commands that look at a study (status, verify, and the coming report and export) read
 * it. What the folder does not hold yet is empty (or null where noted).
 *
 * @param provenance    how it was made and every run since (null in a folder written without one)
 * @param status        its state file (null in a validation folder)
 * @param entries       every journaled instance with its code version, in journal order
 * @param configurations every configuration with its instances and racing status, in first-seen order
 * @param archive       the Pareto archive members as last written (pareto.csv)
 * @param hypervolume   the hypervolume after each generation
 * @param reference     the hypervolume normalisation (null until fixed)
 * @param verification  full noise testing of archive members by {@code plateau verify}, curves by configuration
 * @param crashes       the study process's deaths and restarts
 * @param validation    for a folder written by {@code plateau validate}, the population it validates (else null)
 * @param baselines     the trivial predictor's (and the energy sum's) metric and the archive's floor (null in older folders and validate folders)
 */
public record Study(
        Path dir,
        SearchSpace space,
        Provenance provenance,
        StudyStatus status,
        List<Journal.Entry> entries,
        List<Configuration> configurations,
        List<ArchiveMember> archive,
        List<HypervolumeHistory.Row> hypervolume,
        HypervolumeReference reference,
        Map<String, List<RobustnessTest.Curve>> verification,
        List<CrashLog.Crash> crashes,
        ValidationPlan validation,
        StudyBaselines baselines) {

    /** A configuration: its spec, how racing left it, whether it is in the archive, and its instances' results. */
    public record Configuration(String configId, CandidateSpec spec, ConfigurationStatus status, boolean inArchive, List<InstanceResult> instances) {
        public Configuration {
            instances = List.copyOf(instances);
        }
    }

    /**
     * An archive member: its objective values (by column label, in the objectives' own units and
     * directions), the seed of the instance whose model was saved, and that model's file.
     */
    public record ArchiveMember(String configId, CandidateSpec spec, Map<String, Double> objectives, int representativeSeed, Path modelFile) {
        public ArchiveMember {
            objectives = Map.copyOf(objectives);
        }
    }

    /** Each objective's ideal (maps to 0) and reference (maps to 1), and where they came from. */
    public record HypervolumeReference(List<String> objectives, double[] ideal, double[] reference, String source) {}

    public Study {
        entries = List.copyOf(entries);
        configurations = List.copyOf(configurations);
        archive = List.copyOf(archive);
        hypervolume = List.copyOf(hypervolume);
        verification = Map.copyOf(verification);
        crashes = List.copyOf(crashes);
    }

    /** Results by instance key; the first record wins should a key repeat. */
    public Map<String, InstanceResult> results() { return Journal.byInstance(entries); }

    /** Instances journaled per code version, in order of first appearance ("unrecorded" for old lines). */
    public Map<String, Integer> instancesByCodeVersion() {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (Journal.Entry e : entries) counts.merge(e.codeVersion() == null ? "unrecorded" : e.codeVersion(), 1, Integer::sum);
        return counts;
    }

    /** The instance whose network an archive member saved (its representative seed), else its first ok instance. */
    public InstanceResult representative(ArchiveMember m) {
        List<InstanceResult> ok = configuration(m.configId()).orElseThrow().instances().stream().filter(InstanceResult::ok).toList();
        return ok.stream().filter(r -> r.instance().seed() == m.representativeSeed()).findFirst().orElse(ok.get(0));
    }

    public Optional<Configuration> configuration(String configId) {
        return configurations.stream().filter(c -> c.configId().equals(configId)).findFirst();
    }
}
