package dev.plateau.store;

import dev.plateau.robustness.RobustnessTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * What {@code plateau verify} adds to a study folder: every archive member's degradation curves in
 * {@code robustness.csv}, and its clean test metric and each family's score as columns of
 * {@code pareto.csv} (replacing those of an earlier verification).
 */
public final class VerificationTables {
    static final String CURVES = "robustness.csv";
    /** The pareto.csv column of the task error as deployed, measured: clean test error + the declared deployment's rise. */
    public static final String MEASURED_DEPLOYED = "deployed_metric_measured";

    private VerificationTables() {}

    /**
     * @param reports   full noise testing of archive members, by configuration id
     * @param predicted per member, the predicted values to set beside the measured ones (column → value)
     */
    public static void write(Path dir, Map<String, RobustnessTest.Report> reports, Map<String, Map<String, Double>> predicted) throws IOException {
        List<List<String>> curveRows = new ArrayList<>();
        Map<String, Map<String, String>> scores = new LinkedHashMap<>();
        reports.forEach((config, report) -> {
            Map<String, String> s = new LinkedHashMap<>();
            s.put("clean_test_metric", Double.toString(report.cleanMetric()));
            for (RobustnessTest.Curve c : report.curves()) {
                s.put(c.family() + "_score", Double.toString(c.score()));
                for (int i = 0; i < c.severities().length; i++)
                    curveRows.add(List.of(config, c.family(), Double.toString(c.severities()[i]), Double.toString(c.mean()[i]),
                            Double.toString(c.std()[i]), Integer.toString(c.draws()), Double.toString(c.clean())));
            }
            if (report.deployedMetric() != null) s.put(MEASURED_DEPLOYED, Double.toString(report.deployedMetric()));
            predicted.getOrDefault(config, Map.of()).forEach((column, value) -> s.put(column, Double.toString(value)));
            scores.put(config, s);
        });
        Csv.write(dir.resolve(CURVES), List.of("config_id", "family", "severity", "metric_mean", "metric_std", "draws", "clean_metric"), curveRows);

        Path paretoFile = dir.resolve("pareto.csv");
        List<CSVRecord> pareto = StudyReader.rows(paretoFile);
        List<String> header = pareto.isEmpty() ? List.of() : pareto.get(0).getParser().getHeaderNames();
        List<String> added = scores.values().stream().flatMap(s -> s.keySet().stream()).distinct().toList();
        List<String> newHeader = new ArrayList<>(header.stream().filter(h -> !added.contains(h)).toList());
        newHeader.addAll(added);
        List<List<String>> rows = new ArrayList<>();
        for (CSVRecord row : pareto) {
            Map<String, String> s = scores.getOrDefault(row.get("config_id"), Map.of());
            rows.add(newHeader.stream().map(h -> added.contains(h) ? s.getOrDefault(h, "") : row.get(h)).toList());
        }
        Csv.write(paretoFile, newHeader, rows);
    }
}
