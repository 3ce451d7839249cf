package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job, as shipped, keeps its promises on seed 42: it searches a declared front-end
 * deployment with racing, every Pareto member is useful and raced, the best model as deployed
 * (measured) comes within 1.2× of the calibrated energy sum, no member is more than 2× worse than the
 * best unless at least 4× cheaper in BOPs, the predicted deployed metric ranks the front as its
 * measurement does, and the summary says which model to take. (Reproducibility from the seed across
 * worker counts is {@link SearchEndToEndTest}'s.)
 */
class QuickstartTest {
    static double num(CSVRecord r, String column) { return Double.parseDouble(r.get(column)); }

    @Test
    void quickstartShowsTheProduct(@TempDir Path dir) throws Exception {
        Path study = dir.resolve("one");
        CliRun search = CliRun.of("search", "search-spaces/quickstart.yaml", "--out", study.toString());
        assertEquals(0, search.code(), search.output());
        var candidates = SearchEndToEndTest.read(study.resolve("candidates.csv"));
        assertTrue(candidates.size() >= 40, "candidates: " + candidates.size());
        assertTrue(candidates.stream().anyMatch(r -> r.get("family").equals("cnn")), "CNNs are searched");

        List<CSVRecord> pareto = SearchEndToEndTest.read(study.resolve("pareto.csv"));
        assertTrue(pareto.size() >= 3, "pareto rows " + pareto.size());
        double energySum = num(pareto.get(0), "baseline_relative_rmse"), trivial = num(pareto.get(0), "trivial_relative_rmse");
        CSVRecord best = pareto.stream().min(java.util.Comparator.comparingDouble(r -> num(r, "deployed_metric_mean"))).orElseThrow();
        double bestMeasured = pareto.stream().mapToDouble(r -> num(r, "deployed_metric_measured")).min().orElseThrow();
        assertTrue(bestMeasured <= 1.2 * energySum, "best measured as deployed " + bestMeasured + " vs energy sum " + energySum);
        for (CSVRecord r : pareto) {
            String id = r.get("config_id");
            assertTrue(Integer.parseInt(r.get("instances")) >= 2, id + " is raced");
            assertTrue(num(r, "val_relative_rmse_mean") < 0.9 * trivial, id + " passes the floor");
            assertTrue(num(r, "deployed_metric_mean") <= 2 * num(best, "deployed_metric_mean") || 4 * num(r, "bops_mean") <= num(best, "bops_mean"),
                    id + " is within 2x of the best as deployed, or 4x cheaper");
        }
        String out = search.output();
        String line = out.lines().filter(l -> l.startsWith("  deployed: predicted by deployed_metric")).findFirst().orElseThrow(() -> new AssertionError(out));
        double rho = Double.parseDouble(line.replaceAll(".*Spearman (-?[0-9.]+) .*", "$1"));
        assertTrue(rho >= 0.8, "predicted and measured deployed metric rank the front alike: " + line);
        for (String need : List.of("most accurate as deployed", "cheapest within 10 % of it", "knee of the front"))
            assertTrue(out.contains(need), need);

        // its report, with verification and one model's landscape, in a real browser
        assertEquals(0, SearchEndToEndTest.run("verify", study.toString(), "--draws", "3"));
        String model = pareto.get(0).get("model_file");
        assertEquals(0, SearchEndToEndTest.run("landscape", study.resolve(model).toString(), "--points", "11", "--grid", "7", "--samples", "64"));
        assertEquals(0, SearchEndToEndTest.run("report", study.toString()));
        int charts = Browser.find().check(study.resolve("report.html"), Path.of("target", "report-quickstart.png"));
        // Pareto matrix, parallel coordinates, hypervolume, racing, 3 instance plots, robustness scatters, 1-D and 2-D slices
        assertTrue(charts >= 12, charts + " charts");
        String page = Files.readString(study.resolve("report.html"));
        for (String section : List.of("\"robustness\"", "\"landscapes\"", "\"provenance\"", "\"picks\""))
            assertTrue(page.contains(section), section);
        assertTrue(Files.size(study.resolve("report.html")) < 15_000_000, "size " + Files.size(study.resolve("report.html")));
    }
}
