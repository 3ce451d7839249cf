package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job, as shipped: big enough to matter, reproducible from its seed. */
class QuickstartTest {
    @Test
    void quickstartIsSubstantialAndReproducible(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("one"), second = dir.resolve("two");
        assertEquals(0, SearchEndToEndTest.run("search", "search-spaces/quickstart.yaml", "--out", first.toString()));
        assertEquals(0, SearchEndToEndTest.run("search", "search-spaces/quickstart.yaml", "--out", second.toString()));
        var candidates = SearchEndToEndTest.read(first.resolve("candidates.csv"));
        assertTrue(candidates.size() >= 24, "candidates: " + candidates.size());
        assertTrue(candidates.stream().anyMatch(r -> r.get("family").equals("cnn")), "CNNs are searched");
        assertTrue(SearchEndToEndTest.read(first.resolve("pareto.csv")).size() >= 3, "pareto rows");
        assertEquals(SearchEndToEndTest.withoutSeconds(first.resolve("candidates.csv")),
                SearchEndToEndTest.withoutSeconds(second.resolve("candidates.csv")));
        assertEquals(Files.readString(first.resolve("pareto.csv")), Files.readString(second.resolve("pareto.csv")));

        // its report, with verification and one model's landscape, in a real browser
        assertEquals(0, SearchEndToEndTest.run("verify", first.toString(), "--draws", "3"));
        String model = SearchEndToEndTest.read(first.resolve("pareto.csv")).get(0).get("model_file");
        assertEquals(0, SearchEndToEndTest.run("landscape", first.resolve(model).toString(), "--points", "11", "--grid", "7", "--samples", "64"));
        assertEquals(0, SearchEndToEndTest.run("report", first.toString()));
        int charts = Browser.find().check(first.resolve("report.html"), Path.of("target", "report-quickstart.png"));
        // Pareto matrix, parallel coordinates, hypervolume, racing, 3 instance plots, robustness scatters, 1-D and 2-D slices
        assertTrue(charts >= 12, charts + " charts");
        String page = Files.readString(first.resolve("report.html"));
        for (String section : List.of("\"robustness\"", "\"landscapes\"", "\"provenance\"", "\"picks\""))
            assertTrue(page.contains(section), section);
        assertTrue(Files.size(first.resolve("report.html")) < 15_000_000, "size " + Files.size(first.resolve("report.html")));
    }
}
