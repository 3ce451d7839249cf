package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plateau data check} and the check a search runs when it starts, in-process: a table with an
 * identifier column and a sentinel-coded feature under impute_and_flag.
 */
class DataCheckCommandTest {
    @TempDir
    Path dir;

    Path space;

    /** 300 rows: id (1..300, a planted identifier), two features, dose (-999 in every 30th row) and a class. */
    @BeforeEach
    void table() throws Exception {
        Random rng = new Random(1);
        StringBuilder csv = new StringBuilder("id,x1,x2,dose,class\n");
        for (int i = 0; i < 300; i++) {
            double x1 = rng.nextGaussian(), x2 = rng.nextGaussian();
            csv.append(String.format(Locale.ROOT, "%d,%.5f,%.5f,%s,%s%n", i + 1, x1, x2,
                    i % 30 == 4 ? "-999" : String.format(Locale.ROOT, "%.4f", 2 * x2 + 5), x1 + x2 + 0.5 * rng.nextGaussian() > 0 ? "s" : "b"));
        }
        Files.writeString(dir.resolve("t.csv"), csv);
        space = dir.resolve("t.yaml");
        Files.writeString(space, """
                study: {name: t, seed: 3}
                dataset:
                  csv: {path: t.csv, targets: [class], task: classification, missing: {sentinels: [-999], policy: impute_and_flag}}
                architecture: {families: [mlp], dense_layers: {min: 1, max: 1}, dense_widths: [4], activations: [relu]}
                training: {learning_rates: [0.01], batch_sizes: [64], epochs: [1]}
                search: {population: 2, generations: 2}
                racing: {warmup: 1, max_instances: 1}
                """);
    }

    /** Exit code, standard output and standard error of one in-process run. */
    record Run(int code, String out, String err) {
        static Run of(String... args) {
            StringWriter out = new StringWriter(), err = new StringWriter();
            int code = PlateauCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
            return new Run(code, out.toString(), err.toString());
        }
    }

    @Test
    void printsEachColumnTheMissingValuesAndTheWarnings() {
        Run r = Run.of("data", "check", space.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("column        role     type              min          max  distinct  missing", lines.get(0));
        assertEquals("id            feature  integer             1          300       300    0.0 %", lines.get(1));
        assertTrue(lines.get(4).startsWith("dose          feature  numeric  "), lines.get(4));
        assertTrue(lines.get(4).endsWith("3.3 %"), lines.get(4));
        assertEquals("dose_missing  feature  binary              0            1         2    0.0 %", lines.get(5));
        assertEquals("class         target   class               -            -         2    0.0 %", lines.get(6));
        assertEquals("data check: 300 rows (180 training, 60 validation, 60 test), 5 features: 1 warning", lines.get(7));
        assertEquals("  missing values (impute_and_flag; empty, NaN, -999): dose 10 (3.3 %, filled with the training median 4.6516)", lines.get(8));
        assertEquals("  warning: column 'id' looks like a row identifier (strictly increasing over the rows) — a network can only memorise it: "
                + "drop it from features", lines.get(9));
        assertEquals(10, lines.size());
    }

    @Test
    void strictTurnsAWarningIntoExitCodeTwoWithOneLine() throws Exception {
        Run r = Run.of("data", "check", space.toString(), "--strict");
        assertEquals(2, r.code());
        assertEquals(List.of("plateau: " + space + ": field 'id': data warning under --strict: column 'id' looks like a row identifier "
                + "(strictly increasing over the rows) (fix: a network can only memorise it: drop it from features)"), r.err().lines().toList());
        assertTrue(r.out().contains("warning: column 'id'"), "the report is printed first");

        Files.writeString(space, Files.readString(space).replace("targets: [class]", "features: [x1, x2, dose], targets: [class]"));
        Run clean = Run.of("data", "check", space.toString(), "--strict");
        assertEquals(0, clean.code(), clean.err());
        assertTrue(clean.out().contains("4 features: no warnings"), clean.out());
    }

    @Test
    void jsonHasTheDocumentedStructure() throws Exception {
        Run r = Run.of("data", "check", space.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(List.of("format", "dataset", "task", "rows", "split", "missing", "classes", "image", "columns", "warnings"), names(json));
        assertEquals(1, json.get("format").asInt());
        assertEquals(List.of("train", "validation", "test"), names(json.get("split")));
        assertEquals(List.of("policy", "sentinels", "rows_read", "rows_dropped", "by_column"), names(json.get("missing")));
        assertEquals(10, json.get("missing").get("by_column").get("dose").asInt());
        assertEquals(List.of("name", "role", "type", "min", "max", "distinct", "missing_share", "imputed_with"), names(json.get("columns").get(0)));
        assertEquals(6, json.get("columns").size());
        assertEquals(List.of("kind", "column", "problem", "fix"), names(json.get("warnings").get(0)));
        assertEquals("identifier", json.get("warnings").get(0).get("kind").asText());
        assertEquals("id", json.get("warnings").get(0).get("column").asText());
        assertTrue(json.get("image").isNull());
    }

    @Test
    void aSearchChecksItsDataFirstAndGoesOnDespiteWarnings() throws Exception {
        Path out = dir.resolve("study");
        CliRun r = CliRun.of("search", space.toString(), "--out", out.toString(), "--max-restarts", "0", "--verify", "off");
        assertEquals(0, r.code(), r.output());
        List<String> lines = r.output().lines().toList();
        assertTrue(lines.get(0).startsWith("plateau: study 't'"), lines.get(0));
        assertEquals("data check: 300 rows (180 training, 60 validation, 60 test), 5 features: 1 warning", lines.get(1));
        assertTrue(lines.get(2).startsWith("  missing values (impute_and_flag; empty, NaN, -999): dose 10 (3.3 %"), lines.get(2));
        assertTrue(lines.get(3).startsWith("  warning: column 'id' looks like a row identifier"), lines.get(3));
        JsonNode check = new ObjectMapper().readTree(out.resolve("data-check.json").toFile());
        assertEquals("identifier", check.get("warnings").get(0).get("kind").asText());
        assertEquals(Files.readString(out.resolve("data-check.json")), Run.of("data", "check", space.toString(), "--json").out(),
                "the search's check is the command's");
        assertTrue(Files.readString(out.resolve("plateau.log")).contains("data check: column 'id' looks like a row identifier"));
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
