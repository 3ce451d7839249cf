package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report.html} in a real browser for the studies that test its edges: failed and rejected
 * candidates with a single Pareto member, and a validate folder. (The quickstart's full report is
 * checked in {@link QuickstartTest}.)
 */
class ReportTest {
    static final String SINGLE = """
            study: {name: single, seed: 3}
            dataset:
              calo: {variant: A, events: 2000, target: energy}
              split: {validation: 0.25, test: 0.25}
            architecture: {families: [mlp], dense_layers: {min: 1, max: 1}, dense_widths: [16, 128]}
            training: {learning_rates: [0.01], batch_sizes: [32], epochs: [8]}
            search:
              population: 4
              generations: 2
              objectives: [{name: val_loss}]
              constraints: {max_macs: 5000}
            """;

    @TempDir
    Path dir;

    @Test
    void aStudyWithRejectedCandidatesAndOneParetoMemberRenders() throws Exception {
        Path space = dir.resolve("single.yaml"), study = dir.resolve("single");
        Files.writeString(space, SINGLE);
        CliRun r = CliRun.of("search", space.toString(), "--out", study.toString(), "--max-restarts", "0");
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("report.html"), r.output());
        assertTrue(SearchEndToEndTest.read(study.resolve("candidates.csv")).stream().anyMatch(c -> c.get("status").equals("rejected")),
                "the constraint rejects the wide candidates");
        assertEquals(1, SearchEndToEndTest.read(study.resolve("pareto.csv")).size());
        int charts = Browser.find().check(study.resolve("report.html"), Path.of("target", "report-single.png"));
        assertTrue(charts >= 3, charts + " charts");
        String page = Files.readString(study.resolve("report.html"));
        assertTrue(page.contains("rejected: "), "the summary lists why instances did not end ok");
    }

    @Test
    void aValidateFolderRendersItsCorrelations() throws Exception {
        Path space = dir.resolve("space.yaml"), out = dir.resolve("validation");
        Files.writeString(space, ValidateCommandTest.SPACE);
        CliRun r = CliRun.of("validate", space.toString(), "--out", out.toString(), "--configurations", "3", "--instances", "2", "--draws", "2");
        assertEquals(0, r.code(), r.output());
        int charts = Browser.find().check(out.resolve("report.html"), Path.of("target", "report-validate.png"));
        assertTrue(charts >= 3, charts + " charts");
        assertTrue(Files.readString(out.resolve("report.html")).contains("\"correlations\""), "the correlations are embedded");
    }

    @Test
    void reportOnAFolderThatIsNotAStudyIsAOneLineError() {
        CliRun r = CliRun.of("report", dir.toString());
        assertEquals(2, r.code(), r.output());
        assertTrue(r.output().contains("not a study folder"), r.output());
    }
}
