package dev.plateau.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.plateau.InputException;
import dev.plateau.data.Baselines;
import dev.plateau.exec.Evaluation;
import dev.plateau.exec.InstanceResult;
import dev.plateau.select.ConfigurationRecord;
import dev.plateau.select.ConfigurationStatus;
import dev.plateau.select.GenerationReport;
import dev.plateau.select.HypervolumeHistory;
import dev.plateau.select.Objectives;
import dev.plateau.select.ParetoArchive;
import dev.plateau.select.SearchListener;
import dev.plateau.select.StudyOutcome;
import dev.plateau.select.UsefulnessFloor;
import dev.plateau.space.Metric;
import dev.plateau.space.Statistic;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.SearchSpaceLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A study's folder {@code results/<study>/} (design §4): {@code study.yaml}, {@code provenance.json},
 * {@code journal.jsonl} (one fsynced line per finished instance, written as it finishes),
 * {@code status.json}, {@code candidates.csv} and {@code pareto.csv} (rewritten atomically after each
 * generation), and {@code models/} with the deployed model ({@code dev.plateau.model.DeployedModel}: stock DL4J zip plus
 * input schema, output domain and integer form) and model card of each archive member at the end.
 */
public final class StudyFolder implements SearchListener {
    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path dir;
    private final SearchSpace space;
    private final Provenance provenance;
    private final Journal journal;
    private final String started;
    private final List<Integer> generations = new ArrayList<>();
    private final List<InstanceResult> results = new ArrayList<>();
    private int generation;
    private int archiveSize;
    private final Objectives objectives;
    private final List<HypervolumeHistory.Row> hypervolumeRows = new ArrayList<>();
    private Baselines baselines;
    private UsefulnessFloor floor = UsefulnessFloor.NONE;

    private StudyFolder(Path dir, SearchSpace space, Provenance provenance, Journal journal) {
        this.dir = dir;
        this.space = space;
        this.provenance = provenance;
        this.journal = journal;
        this.started = java.time.Instant.now().toString();
        this.objectives = new Objectives(space.search().objectives());
    }

    /** A new study in {@code dir}, which must not hold one already. */
    public static StudyFolder create(Path dir, SearchSpace space, Provenance provenance) throws IOException {
        if (Files.exists(dir.resolve("journal.jsonl")) || Files.exists(dir.resolve("study.yaml")))
            throw InputException.ofOption("--out", "folder " + dir + " already holds a study",
                    "continue it with 'plateau resume " + dir + "', or choose another --out");
        requireNewOrEmpty(dir);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("study.yaml"), SearchSpaceLoader.toYaml(space));
        JSON.writeValue(dir.resolve("provenance.json").toFile(), provenance);
        return new StudyFolder(dir, space, provenance, Journal.open(dir.resolve("journal.jsonl")));
    }

    /**
     * This study, to continue: one more run recorded in its provenance (with the running code version,
     * so a study continued by other code says so).
     */
    public StudyFolder continued(List<String> commandLine) throws IOException {
        Provenance more = provenance.withRun(commandLine);
        Path tmp = dir.resolve("provenance.json.tmp");
        JSON.writeValue(tmp.toFile(), more);
        Files.move(tmp, dir.resolve("provenance.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new StudyFolder(dir, space, more, journal);
    }

    /**
     * Refuses an output folder that exists and holds anything: a study is written only into a new or
     * empty folder, so it never mixes with (or overwrites) other files.
     */
    public static void requireNewOrEmpty(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        if (!Files.isDirectory(dir)) throw InputException.ofOption("--out", dir + " exists and is not a folder", "choose a new folder");
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isPresent())
                throw InputException.ofOption("--out", "folder " + dir + " is not empty", "choose a new or empty folder");
        }
    }

    /**
     * Refuses a study folder that holds a symbolic link: resuming rewrites its files, and a planted link
     * would send those writes out of the folder.
     */
    public static void requireNoLinks(Path dir) throws IOException {
        try (var files = Files.walk(dir, 3)) {
            for (Path p : files.toList())
                if (Files.isSymbolicLink(p))
                    throw InputException.at(p, 0, null, "a symbolic link inside the study folder", "replace it by the file itself, or remove it");
        }
    }

    /** An existing study, to read or resume: its resolved space, provenance and journal. */
    public static StudyFolder reopen(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve("study.yaml")))
            throw InputException.at(dir, 0, null, "not a study folder (no study.yaml)", "name a folder written by 'plateau search'");
        requireNoLinks(dir);
        SearchSpace space = SearchSpaceLoader.load(dir.resolve("study.yaml"));
        Provenance provenance = JSON.readValue(dir.resolve("provenance.json").toFile(), Provenance.class);
        return new StudyFolder(dir, space, provenance, Journal.open(dir.resolve("journal.jsonl")));
    }

    public Path dir() { return dir; }

    /**
     * What a useful model must beat in this study, written to {@value #BASELINES}, shown beside every
     * Pareto member and in the model cards; configurations below the floor are marked in configurations.csv.
     */
    public void baselines(Baselines baselines, UsefulnessFloor floor) throws IOException {
        this.baselines = baselines;
        this.floor = floor;
        JSON.writeValue(dir.resolve(BASELINES).toFile(), new StudyBaselines(baselines, floor));
    }

    /** The file of the study's baselines and usefulness floor. */
    public static final String BASELINES = "baselines.json";

    public SearchSpace space() { return space; }

    public Journal journal() { return journal; }

    public void running() throws IOException { writeStatus(StudyStatus.State.RUNNING, "running"); }

    @Override
    public void instanceDone(int generation, Evaluation evaluation) {
        try {
            journal.append(generation, evaluation.result());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal in " + dir, e);
        }
    }

    @Override
    public void generationDone(GenerationReport report) {
        try {
            this.generation = report.generation();
            this.archiveSize = report.archive().size();
            for (Evaluation e : report.evaluations()) {
                generations.add(report.generation());
                results.add(e.result());
            }
            hypervolumeRows.add(report.hypervolume());
            writeCandidates();
            writePareto(report.archive());
            writeConfigurations(report.configurations(), report.statuses(), report.archive());
            writeHypervolume(hypervolumeRows);
            writeStatus(StudyStatus.State.RUNNING, "generation " + report.generation() + " done");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir, e);
        }
    }

    /** Final tables, status, and — for a finished study — the archive members' networks and model cards. */
    public void finish(StudyOutcome outcome, double busyShare) throws IOException {
        archiveSize = outcome.archive().size();
        writeCandidates();
        writePareto(outcome.archive());
        writeConfigurations(outcome.configurations(), outcome.statuses(), outcome.archive());
        writeHypervolume(outcome.hypervolume().rows());
        if (outcome.hypervolume().normalisation().isPresent()) {
            double[][] n = outcome.hypervolume().normalisation().get();
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("objectives", objectives.labels());
            ref.put("ideal", n[0]);
            ref.put("reference", n[1]);
            ref.put("source", space.search().hypervolume().ideal() != null ? "search space" : "first scored generation");
            JSON.writeValue(dir.resolve("hypervolume-reference.json").toFile(), ref);
        }
        if (outcome.stopped().isPresent()) {
            writeStatus(StudyStatus.State.STOPPED, "stopped: " + outcome.stopReason() + "; continue with 'plateau resume " + dir + "'");
            return;
        }
        Path models = dir.resolve("models");
        if (Files.isDirectory(models))
            try (var old = Files.list(models)) {
                for (Path p : old.toList()) Files.delete(p);
            }
        Files.createDirectories(models);
        Map<String, String> codeVersions = journal.codeVersionByInstance();
        for (ParetoArchive.Member m : outcome.archive().members()) {
            String id = m.configuration().configId();
            byte[] zip = outcome.archiveModels().get(id);
            if (zip == null) continue;
            Files.write(models.resolve(id + ".zip"), zip);
            JSON.writeValue(models.resolve(id + ".model-card.json").toFile(), ModelCard.of(m.configuration(), space, provenance,
                    codeVersions.get(m.configuration().representative().orElseThrow().instance().key()), baselines));
        }
        writeStatus(StudyStatus.State.FINISHED, "finished: " + outcome.results().size() + " candidates, "
                + outcome.archive().size() + " configurations in the Pareto archive" + busy(busyShare));
    }

    /** ", workers busy N % of the search's wall time", or nothing when it was not measured. */
    public static String busy(double share) {
        return Double.isNaN(share) ? "" : String.format(java.util.Locale.ROOT, ", workers busy %.0f %% of the search's wall time", 100 * share);
    }

    /** One row per configuration: racing status, instance statistics of the racing metric, objectives, genes. */
    private void writeConfigurations(List<ConfigurationRecord> configs, Map<String, ConfigurationStatus> statuses, ParetoArchive archive)
            throws IOException {
        String metric = space.racing().metric().label();
        List<String> header = new ArrayList<>(List.of("config_id", "status", "in_archive", "instances", "instances_ok", "instances_trained"));
        for (Statistic st : Statistic.values()) header.add(metric + "_" + st.label());
        header.addAll(objectives.labels());
        header.addAll(Metric.labels().stream().filter(m -> Metric.parse(m).hardware()).toList());
        header.add("below_floor");
        header.addAll(CandidateColumns.GENES);
        List<List<String>> rows = new ArrayList<>();
        for (ConfigurationRecord c : configs) {
            List<String> row = new ArrayList<>(List.of(c.configId(), statuses.getOrDefault(c.configId(),
                    ConfigurationStatus.of(c.ok().isEmpty() ? ConfigurationStatus.State.FAILED : ConfigurationStatus.State.EVALUATED)).label(),
                    Boolean.toString(archive.contains(c.configId())), Integer.toString(c.instances().size()),
                    Integer.toString(c.ok().size()), Long.toString(c.instances().stream().filter(InstanceResult::trained).count())));
            double[] values = c.ok().stream().mapToDouble(r -> r.metric(metric)).toArray();
            for (Statistic st : Statistic.values()) row.add(Csv.num(st.of(values)));
            double[] v = c.objectives(objectives).map(objectives::natural).orElse(null);
            for (int i = 0; i < objectives.size(); i++) row.add(v == null ? "" : Csv.num(v[i]));
            var res = c.instances().get(0).resources();
            for (long x : res == null ? new long[0] : new long[] {res.params(), res.macs(), res.weightBits(), res.bops()}) row.add(Long.toString(x));
            if (res == null) row.addAll(List.of("", "", "", ""));
            String below = floor.reason(c);
            row.add(below == null ? "" : below);
            row.addAll(CandidateColumns.genes(c.spec()));
            rows.add(row);
        }
        Csv.write(dir.resolve("configurations.csv"), header, rows);
    }

    private void writeHypervolume(List<HypervolumeHistory.Row> history) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (HypervolumeHistory.Row r : history)
            rows.add(List.of(Integer.toString(r.generation()), Integer.toString(r.trainings()), Integer.toString(r.configurations()),
                    Integer.toString(r.archive()), Csv.num(r.hypervolume())));
        Csv.write(dir.resolve("hypervolume.csv"), List.of("generation", "trainings", "configurations", "archive", "hypervolume"), rows);
    }

    private void writeStatus(StudyStatus.State state, String message) throws IOException {
        int failed = (int) results.stream().filter(r -> !r.ok()).count();
        new StudyStatus(state, ProcessHandle.current().pid(), generation, space.search().generations(), results.size(), failed,
                archiveSize,
                started, java.time.Instant.now().toString(), message).write(dir);
    }
    private void writeCandidates() throws IOException {
        List<String> header = new ArrayList<>(List.of("candidate", "generation", "config_id", "seed", "init_seed", "sample_seed"));
        header.addAll(CandidateColumns.GENES);
        header.addAll(CandidateColumns.MEASURES);
        List<String> families = space.proxy().families(space.deployment());
        header.addAll(CandidateColumns.proxyHeader(families));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            InstanceResult r = results.get(i);
            List<String> row = new ArrayList<>(List.of(Integer.toString(i + 1), Integer.toString(generations.get(i)),
                    r.instance().configId(), Integer.toString(r.instance().seed()),
                    Long.toString(r.instance().initSeed()), Long.toString(r.instance().sampleSeed())));
            row.addAll(CandidateColumns.genes(r.instance().spec()));
            row.addAll(CandidateColumns.measures(r));
            row.addAll(CandidateColumns.proxies(r, families));
            rows.add(row);
        }
        Csv.write(dir.resolve("candidates.csv"), header, rows);
    }

    private void writePareto(ParetoArchive archive) throws IOException {
        List<String> header = new ArrayList<>(List.of("config_id", "instances", "instances_ok"));
        header.addAll(objectives.labels());
        header.addAll(List.of("representative_seed", "model_file"));
        String metric = baselines == null ? null : baselines.metric();
        if (metric != null) header.addAll(List.of("val_" + metric + "_mean", "trivial_" + metric, "baseline_" + metric));
        header.addAll(CandidateColumns.GENES);
        List<List<String>> rows = new ArrayList<>();
        for (ParetoArchive.Member m : archive.members()) {
            ConfigurationRecord c = m.configuration();
            List<String> row = new ArrayList<>(List.of(c.configId(), Integer.toString(c.instances().size()),
                    Integer.toString(c.ok().size())));
            for (double v : objectives.natural(m.objectives())) row.add(Csv.num(v));
            row.add(Integer.toString(c.representative().orElseThrow().instance().seed()));
            row.add("models/" + c.configId() + ".zip");
            if (metric != null)
                row.addAll(List.of(Csv.num(c.ok().stream().mapToDouble(InstanceResult::valMetric).average().orElse(Double.NaN)),
                        Csv.num(baselines.trivial()), baselines.domain() == null ? "" : Csv.num(baselines.domain())));
            row.addAll(CandidateColumns.genes(c.spec()));
            rows.add(row);
        }
        Csv.write(dir.resolve("pareto.csv"), header, rows);
    }
}
