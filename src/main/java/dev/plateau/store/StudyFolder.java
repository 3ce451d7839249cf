package dev.plateau.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.plateau.InputException;
import dev.plateau.exec.Evaluation;
import dev.plateau.exec.InstanceResult;
import dev.plateau.select.ConfigurationRecord;
import dev.plateau.select.ParetoArchive;
import dev.plateau.select.SearchListener;
import dev.plateau.select.StudyOutcome;
import dev.plateau.space.ObjectiveSpec;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.SearchSpaceLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A study's folder {@code results/<study>/} (design §4): {@code study.yaml}, {@code provenance.json},
 * {@code journal.jsonl} (one fsynced line per finished instance, written as it finishes),
 * {@code status.json}, {@code candidates.csv} and {@code pareto.csv} (rewritten atomically after each
 * generation), and {@code models/} with the network and model card of each archive member at the end.
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

    private StudyFolder(Path dir, SearchSpace space, Provenance provenance, Journal journal) {
        this.dir = dir;
        this.space = space;
        this.provenance = provenance;
        this.journal = journal;
        this.started = java.time.Instant.now().toString();
    }

    /** A new study in {@code dir}, which must not hold one already. */
    public static StudyFolder create(Path dir, SearchSpace space, Provenance provenance) throws IOException {
        if (Files.exists(dir.resolve("journal.jsonl")) || Files.exists(dir.resolve("study.yaml")))
            throw InputException.ofOption("--out", "folder " + dir + " already holds a study",
                    "continue it with 'plateau resume " + dir + "', or choose another --out");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("study.yaml"), SearchSpaceLoader.toYaml(space));
        JSON.writeValue(dir.resolve("provenance.json").toFile(), provenance);
        return new StudyFolder(dir, space, provenance, Journal.open(dir.resolve("journal.jsonl")));
    }

    /** An existing study, to resume: its resolved space, provenance and journal. */
    public static StudyFolder reopen(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve("study.yaml")))
            throw InputException.at(dir, 0, null, "not a study folder (no study.yaml)", "name a folder written by 'plateau search'");
        SearchSpace space = SearchSpaceLoader.load(dir.resolve("study.yaml"));
        Provenance provenance = JSON.readValue(dir.resolve("provenance.json").toFile(), Provenance.class);
        return new StudyFolder(dir, space, provenance, Journal.open(dir.resolve("journal.jsonl")));
    }

    public Path dir() { return dir; }

    public SearchSpace space() { return space; }

    public Journal journal() { return journal; }

    public void running() throws IOException { writeStatus(StudyStatus.RUNNING, "running"); }

    @Override
    public void instanceDone(int generation, Evaluation evaluation) {
        try {
            journal.append(generation, evaluation.result());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal in " + dir, e);
        }
    }

    @Override
    public void generationDone(int generation, List<Evaluation> newEvaluations, ParetoArchive archive) {
        try {
            this.generation = generation;
            this.archiveSize = archive.size();
            for (Evaluation e : newEvaluations) {
                generations.add(generation);
                results.add(e.result());
            }
            writeCandidates();
            writePareto(archive);
            writeStatus(StudyStatus.RUNNING, "generation " + generation + " done");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir, e);
        }
    }

    /** Final tables, status, and — for a finished study — the archive members' networks and model cards. */
    public void finish(StudyOutcome outcome) throws IOException {
        archiveSize = outcome.archive().size();
        writeCandidates();
        writePareto(outcome.archive());
        if (outcome.stopped().isPresent()) {
            writeStatus(StudyStatus.STOPPED, "stopped: " + outcome.stopReason() + "; continue with 'plateau resume " + dir + "'");
            return;
        }
        Path models = dir.resolve("models");
        if (Files.isDirectory(models))
            try (var old = Files.list(models)) {
                for (Path p : old.toList()) Files.delete(p);
            }
        Files.createDirectories(models);
        for (ParetoArchive.Member m : outcome.archive().members()) {
            String id = m.configuration().configId();
            byte[] zip = outcome.archiveModels().get(id);
            if (zip == null) continue;
            Files.write(models.resolve(id + ".zip"), zip);
            JSON.writeValue(models.resolve(id + ".model-card.json").toFile(), ModelCard.of(m.configuration(), space, provenance));
        }
        writeStatus(StudyStatus.FINISHED, "finished: " + outcome.results().size() + " candidates, "
                + outcome.archive().size() + " configurations in the Pareto archive");
    }

    private void writeStatus(String state, String message) throws IOException {
        int failed = (int) results.stream().filter(r -> !r.ok()).count();
        new StudyStatus(state, ProcessHandle.current().pid(), generation, space.search().generations(), results.size(), failed,
                archiveSize,
                started, java.time.Instant.now().toString(), message).write(dir);
    }
    private void writeCandidates() throws IOException {
        List<String> header = new ArrayList<>(List.of("candidate", "generation", "config_id", "seed", "init_seed", "sample_seed"));
        header.addAll(CandidateColumns.GENES);
        header.addAll(CandidateColumns.MEASURES);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            InstanceResult r = results.get(i);
            List<String> row = new ArrayList<>(List.of(Integer.toString(i + 1), Integer.toString(generations.get(i)),
                    r.instance().configId(), Integer.toString(r.instance().seed()),
                    Long.toString(r.instance().initSeed()), Long.toString(r.instance().sampleSeed())));
            row.addAll(CandidateColumns.genes(r.instance().spec()));
            row.addAll(CandidateColumns.measures(r));
            rows.add(row);
        }
        Csv.write(dir.resolve("candidates.csv"), header, rows);
    }

    private void writePareto(ParetoArchive archive) throws IOException {
        List<String> header = new ArrayList<>(List.of("config_id", "instances", "instances_ok"));
        for (ObjectiveSpec o : space.search().objectives()) header.add(o.name() + "_mean");
        header.addAll(List.of("representative_seed", "model_file"));
        header.addAll(CandidateColumns.GENES);
        List<List<String>> rows = new ArrayList<>();
        for (ParetoArchive.Member m : archive.members()) {
            ConfigurationRecord c = m.configuration();
            List<String> row = new ArrayList<>(List.of(c.configId(), Integer.toString(c.instances().size()),
                    Integer.toString(c.ok().size())));
            for (ObjectiveSpec o : space.search().objectives())
                row.add(Csv.num(c.ok().stream().mapToDouble(r -> r.metric(o.name())).average().orElse(Double.NaN)));
            row.add(Integer.toString(c.representative().orElseThrow().instance().seed()));
            row.add("models/" + c.configId() + ".zip");
            row.addAll(CandidateColumns.genes(c.spec()));
            rows.add(row);
        }
        Csv.write(dir.resolve("pareto.csv"), header, rows);
    }
}
