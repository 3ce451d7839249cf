package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
    }
}
