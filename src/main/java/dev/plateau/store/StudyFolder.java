package dev.plateau.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A study's folder {@code results/<study>/} (design §4): {@code study.yaml}, {@code provenance.json},
 * {@code journal.jsonl} (one fsynced line per finished instance), {@code candidates.csv} and
 * {@code pareto.csv} (rewritten atomically after each generation), and {@code models/} with the
 * network and model card of each archive member at the end.
 */
public final class StudyFolder implements SearchListener {
    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final ObjectMapper JSON_LINE = JsonMapper.builder().build();

    private final Path dir;
    private final SearchSpace space;
    private final Provenance provenance;
    private final List<Integer> generations = new ArrayList<>();
    private final List<InstanceResult> results = new ArrayList<>();

    public StudyFolder(Path dir, SearchSpace space, Provenance provenance) throws IOException {
        this.dir = dir;
        this.space = space;
        this.provenance = provenance;
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("study.yaml"), SearchSpaceLoader.toYaml(space));
        JSON.writeValue(dir.resolve("provenance.json").toFile(), provenance);
        Files.deleteIfExists(dir.resolve("journal.jsonl"));
    }

    public Path dir() { return dir; }

    @Override
    public void generationDone(int generation, List<Evaluation> newEvaluations, ParetoArchive archive) {
        try {
            for (Evaluation e : newEvaluations) {
                generations.add(generation);
                results.add(e.result());
                appendJournal(generation, e.result());
            }
            writeCandidates();
            writePareto(archive);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir, e);
        }
    }

    /** Final tables and the archive members' networks with their model cards. */
    public void finish(StudyOutcome outcome) throws IOException {
        writeCandidates();
        writePareto(outcome.archive());
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
    }

    private void appendJournal(int generation, InstanceResult r) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("generation", generation);
        line.put("result", r);
        byte[] bytes = (JSON_LINE.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(dir.resolve("journal.jsonl"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(bytes));
            ch.force(true);
        }
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
