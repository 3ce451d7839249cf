package dev.plateau.store;

import dev.plateau.InputException;
import dev.plateau.exec.InstanceResult;
import dev.plateau.robustness.RobustnessTest;
import dev.plateau.select.ConfigurationStatus;
import dev.plateau.select.HypervolumeHistory;
import dev.plateau.select.Objectives;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.SearchSpaceLoader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a study folder into a {@link Study}, never writing to it (a running study's journal is read
 * up to its last whole line). The journal is the source of truth for instances and configurations;
 * the tables add what only they hold: racing statuses, the archive as last written, the hypervolume
 * history, and verification curves.
 */
public final class StudyReader {
    private StudyReader() {}

    public static Study read(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve("study.yaml")))
            throw InputException.at(dir, 0, null, "not a study folder (no study.yaml)", "name a folder written by 'plateau search' or 'plateau validate'");
        SearchSpace space = SearchSpaceLoader.loadRecorded(dir.resolve("study.yaml"));
        Provenance provenance = Files.isRegularFile(dir.resolve("provenance.json")) ? Provenance.read(dir) : null;
        StudyStatus status = Files.isRegularFile(dir.resolve("status.json")) ? StudyStatus.read(dir) : null;
        List<Journal.Entry> entries = Journal.read(dir.resolve("journal.jsonl"));

        Map<String, CandidateSpec> specs = new LinkedHashMap<>();
        Map<String, List<InstanceResult>> byConfig = new LinkedHashMap<>();
        for (Journal.Entry e : entries) {
            specs.putIfAbsent(e.result().instance().configId(), e.result().instance().spec());
            byConfig.computeIfAbsent(e.result().instance().configId(), k -> new ArrayList<>()).add(e.result());
        }
        Map<String, CSVRecord> configRows = byKey(rows(dir.resolve("configurations.csv")), "config_id");
        List<Study.Configuration> configurations = new ArrayList<>();
        byConfig.forEach((id, results) -> {
            CSVRecord row = configRows.get(id);
            configurations.add(new Study.Configuration(id, specs.get(id), row == null ? null : ConfigurationStatus.parse(row.get("status")),
                    row != null && Boolean.parseBoolean(row.get("in_archive")), results));
        });

        List<String> labels = new Objectives(space.search().objectives()).labels();
        List<Study.ArchiveMember> archive = new ArrayList<>();
        for (CSVRecord r : rows(dir.resolve("pareto.csv"))) {
            Map<String, Double> objectives = new LinkedHashMap<>();
            for (String label : labels) objectives.put(label, number(r.get(label)));
            archive.add(new Study.ArchiveMember(r.get("config_id"), specs.get(r.get("config_id")), objectives,
                    Integer.parseInt(r.get("representative_seed")), dir.resolve(r.get("model_file"))));
        }

        List<HypervolumeHistory.Row> hypervolume = new ArrayList<>();
        for (CSVRecord r : rows(dir.resolve("hypervolume.csv")))
            hypervolume.add(new HypervolumeHistory.Row(Integer.parseInt(r.get("generation")), Integer.parseInt(r.get("trainings")),
                    Integer.parseInt(r.get("configurations")), Integer.parseInt(r.get("archive")), number(r.get("hypervolume"))));
        Study.HypervolumeReference reference = Files.isRegularFile(dir.resolve("hypervolume-reference.json"))
                ? StudyFolder.JSON.readValue(dir.resolve("hypervolume-reference.json").toFile(), Study.HypervolumeReference.class) : null;

        ValidationPlan validation = Files.isRegularFile(dir.resolve(ValidationPlan.FILE))
                ? StudyFolder.JSON.readValue(dir.resolve(ValidationPlan.FILE).toFile(), ValidationPlan.class) : null;
        StudyBaselines baselines = Files.isRegularFile(dir.resolve(StudyFolder.BASELINES))
                ? StudyFolder.JSON.readValue(dir.resolve(StudyFolder.BASELINES).toFile(), StudyBaselines.class) : null;
        return new Study(dir, space, provenance, status, entries, configurations, archive, hypervolume, reference,
                verification(dir.resolve(VerificationTables.CURVES)), CrashLog.read(dir), validation, baselines);
    }

    /** robustness.csv: one row per (configuration, family, severity), grouped into curves. */
    private static Map<String, List<RobustnessTest.Curve>> verification(Path file) throws IOException {
        Map<String, Map<String, List<CSVRecord>>> grouped = new LinkedHashMap<>();
        for (CSVRecord r : rows(file))
            grouped.computeIfAbsent(r.get("config_id"), k -> new LinkedHashMap<>()).computeIfAbsent(r.get("family"), k -> new ArrayList<>()).add(r);
        Map<String, List<RobustnessTest.Curve>> out = new LinkedHashMap<>();
        grouped.forEach((config, families) -> {
            List<RobustnessTest.Curve> curves = new ArrayList<>();
            families.forEach((family, points) -> {
                int n = points.size();
                double[] severity = new double[n], mean = new double[n], std = new double[n];
                for (int i = 0; i < n; i++) {
                    severity[i] = number(points.get(i).get("severity"));
                    mean[i] = number(points.get(i).get("metric_mean"));
                    std[i] = number(points.get(i).get("metric_std"));
                }
                curves.add(RobustnessTest.Curve.of(family, number(points.get(0).get("clean_metric")), severity, mean, std,
                        Integer.parseInt(points.get(0).get("draws"))));
            });
            out.put(config, curves);
        });
        return out;
    }

    static List<CSVRecord> rows(Path file) throws IOException {
        if (!Files.isRegularFile(file)) return List.of();
        try (Reader r = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
    }

    private static Map<String, CSVRecord> byKey(List<CSVRecord> rows, String key) {
        Map<String, CSVRecord> out = new LinkedHashMap<>();
        for (CSVRecord r : rows) out.put(r.get(key), r);
        return out;
    }

    private static double number(String text) { return text == null || text.isEmpty() ? Double.NaN : Double.parseDouble(text); }
}
