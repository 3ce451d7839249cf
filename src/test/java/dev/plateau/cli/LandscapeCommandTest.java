package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plateau landscape} on networks a study saved in results/<study>/models/. */
class LandscapeCommandTest {
    @TempDir
    Path dir;

    /** A finished search of the end-to-end test's space in {@code dir/name}. */
    private Path study(String name) throws Exception {
        Path space = dir.resolve(name + ".yaml"), study = dir.resolve(name);
        Files.writeString(space, SearchEndToEndTest.SPACE);
        assertEquals(0, CliRun.of("search", space.toString(), "--out", study.toString()).code());
        return study;
    }

    @Test
    void analysesASavedModelWithEveryProxySlicesAndTopology() throws Exception {
        Path study = study("study");
        List<Path> models;
        try (var s = Files.list(study.resolve("models"))) {
            models = s.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
        }
        Path out = dir.resolve("landscape");
        CliRun r = CliRun.of("landscape", models.get(0).toString(), "--json", "--out", out.toString(), "--points", "11", "--grid", "7",
                "--range", "0.5", "--samples", "64", "--compare", models.get(0).toString());
        assertEquals(0, r.code(), r.output());
        JsonNode doc = new ObjectMapper().readTree(r.output().trim());
        for (var family : dev.plateau.landscape.ProxyFamilies.ALL)
            for (String name : family.values()) assertTrue(doc.get("proxies").has(name), "missing " + name);
        JsonNode lambda = doc.get("proxies").get("hessian_lambda_max");
        assertTrue(lambda.get("gradient_samples").asLong() > 0 && lambda.get("seconds").asDouble() >= 0);
        assertTrue(doc.get("topology").get("random").get("minima").asInt() >= 1);
        JsonNode self = doc.get("comparisons").get(0);
        assertEquals(1.0, self.get("output_cka").asDouble(), 1e-9, "a network compared with itself");
        assertEquals(0.0, self.get("linear_barrier").asDouble(), 1e-9);

        List<String> slice = Files.readAllLines(out.resolve("slice1d-random.csv"));
        assertEquals(12, slice.size(), "header + 11 points");
        assertTrue(slice.get(6).startsWith("0.0,"), "the middle point is the trained network: " + slice.get(6));
        assertEquals(1 + 49, Files.readAllLines(out.resolve("slice2d-hessian.csv")).size());
        for (String png : List.of("slice1d-random.png", "slice1d-hessian.png", "slice2d-random.png", "slice2d-hessian.png")) {
            BufferedImage img = ImageIO.read(out.resolve(png).toFile());
            assertEquals(640, img.getWidth(), png);
        }
        // the data is found from the study folder when --data is not given
        assertEquals(0, CliRun.of("landscape", models.get(0).toString(), "--points", "5", "--grid", "3", "--samples", "32",
                "--out", dir.resolve("again").toString()).code());
    }

    @Test
    void verifyAddsNoiseScoresToTheParetoFile() throws Exception {
        Path study = study("verified");
        CliRun r = CliRun.of("verify", study.toString(), "--draws", "2");
        assertEquals(0, r.code(), r.output());
        var pareto = SearchEndToEndTest.read(study.resolve("pareto.csv"));
        for (var row : pareto)
            for (String family : List.of("input_gaussian", "input_salt_pepper", "weight_multiplicative", "weight_layer_range",
                    "bitflip_random", "bitflip_msb", "bitflip_hessian", "ptq"))
                assertTrue(Double.isFinite(Double.parseDouble(row.get(family + "_score"))), family);
        assertEquals(pareto.size() * (4 + 4 + 4 + 4 + 4 + 4 + 4 + 5), SearchEndToEndTest.read(study.resolve("robustness.csv")).size());
        var verification = dev.plateau.store.StudyReader.read(study).verification();
        for (var row : pareto)
            for (var curve : verification.get(row.get("config_id")))
                assertEquals(Double.parseDouble(row.get(curve.family() + "_score")), curve.score(), 1e-12, "curves read back give the scores");
        assertEquals(0, CliRun.of("verify", study.toString(), "--draws", "2").code(), "running it again replaces the columns");
        assertEquals(pareto.get(0).size(), SearchEndToEndTest.read(study.resolve("pareto.csv")).get(0).size());
    }

    @Test
    void aSearchVerifiesItsFrontAsPlateauVerifyDoes() throws Exception {
        Path space = dir.resolve("front.yaml"), study = dir.resolve("front");
        Files.writeString(space, SearchEndToEndTest.SPACE + "deployment: {weight_noise: {geometry: layer_range, level: 0.02}, faults: {bit_flips: 2}}\n");
        CliRun search = CliRun.of("search", space.toString(), "--out", study.toString(), "--verify", "on", "--max-restarts", "0");
        assertEquals(0, search.code(), search.output());
        assertTrue(search.output().contains("verified: "), search.output());
        var atSearch = SearchEndToEndTest.read(study.resolve("pareto.csv"));
        assertTrue(atSearch.get(0).isMapped("bitflip_random_score"), "the search wrote the measured scores");
        for (String column : List.of("deployed_score", "deployed_weight_noise_score", "deployed_faults_score", "deployed_metric_measured",
                "deployed_metric_predicted", "deployed_metric_predicted_stderr", "deployed_faults_predicted", "bitflip_random_predicted"))
            assertTrue(atSearch.get(0).isMapped(column), "the declared deployment is measured: " + column);
        for (var row : atSearch)
            assertEquals(Double.parseDouble(row.get("clean_test_metric")) + Double.parseDouble(row.get("deployed_score")),
                    Double.parseDouble(row.get("deployed_metric_measured")), 1e-12, "measured as deployed = clean test error + measured rise");
        assertEquals(atSearch.size(), search.output().lines().filter(l -> l.startsWith("  as deployed: predicted ")).count(), search.output());
        CliRun verify = CliRun.of("verify", study.toString(), "--draws", String.valueOf(FrontVerification.SEARCH_DRAWS));
        assertEquals(0, verify.code(), verify.output());
        var again = SearchEndToEndTest.read(study.resolve("pareto.csv"));
        assertEquals(atSearch.size(), again.size());
        for (int i = 0; i < again.size(); i++)
            for (String column : again.get(i).getParser().getHeaderNames())
                if (column.endsWith("_score") || column.endsWith("_measured") || column.endsWith("_predicted")) assertEquals(again.get(i).get(column), atSearch.get(i).get(column), column);

        // which model to take: the search and verify say the same, and export --pick cheapest writes that one
        String choice = "which model to take";
        assertTrue(search.output().contains(choice) && verify.output().contains(choice), verify.output());
        assertEquals(search.output().substring(search.output().indexOf(choice)).strip(), verify.output().substring(verify.output().indexOf(choice)).strip());
        double best = again.stream().mapToDouble(r -> Double.parseDouble(r.get("deployed_metric_measured"))).min().orElseThrow();
        String cheapest = again.stream().filter(r -> Double.parseDouble(r.get("deployed_metric_measured")) <= 1.1 * best)
                .min(java.util.Comparator.comparingDouble(r -> Double.parseDouble(r.get("macs_mean")))).orElseThrow().get("config_id");
        CliRun export = CliRun.of("export", study.toString(), "--pick", "cheapest", "--out", dir.resolve("cheapest").toString());
        assertEquals(0, export.code(), export.output());
        assertTrue(export.output().contains("picked " + cheapest + " (cheapest)"), cheapest + ": " + export.output());

        CliRun off = CliRun.of("search", space.toString(), "--out", dir.resolve("unverified").toString(), "--verify", "off", "--max-restarts", "0");
        assertEquals(0, off.code(), off.output());
        assertFalse(SearchEndToEndTest.read(dir.resolve("unverified/pareto.csv")).get(0).isMapped("bitflip_random_score"));
        CliRun bad = CliRun.of("search", space.toString(), "--out", dir.resolve("bad").toString(), "--verify", "sometimes");
        assertEquals(2, bad.code(), bad.output());
        assertTrue(bad.output().contains("--verify"), bad.output());
    }
}
