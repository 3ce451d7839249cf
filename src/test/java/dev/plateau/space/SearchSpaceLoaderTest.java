package dev.plateau.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchSpaceLoaderTest {
    static final Path BAD = Path.of("src/test/resources/bad-input");

    @Test
    void quickstartLoadsWithItsValues() {
        SearchSpace s = SearchSpaceLoader.load(Path.of("search-spaces/quickstart.yaml"));
        assertEquals("quickstart", s.study().name());
        assertEquals(42L, s.study().seed());
        assertEquals(List.of(Family.MLP, Family.CNN), s.architecture().families());
        assertEquals(42L, s.dataset().calo().seed(), "calo seed defaults to the study seed");
        assertEquals(List.of("deployed_metric", "deployed_metric", "bops"),
                s.search().objectives().stream().map(ObjectiveSpec::name).toList());
        assertEquals("deployed_metric_q3", s.search().objectives().get(1).label());
        assertTrue(s.racing().enabled() && s.racing().warmup() == 2, "the quickstart races");
        assertTrue(s.deployment().weightNoise() != null && s.deployment().faults() != null, "and declares its deployment");
    }

    @Test
    void resolvedYamlReadsBackToTheSameSpace(@TempDir Path dir) throws Exception {
        SearchSpace s = SearchSpaceLoader.load(Path.of("search-spaces/magic-gamma.yaml"));
        Path copy = dir.resolve("study.yaml");
        Files.writeString(copy, SearchSpaceLoader.toYaml(s));
        assertEquals(s, SearchSpaceLoader.load(copy));
        assertTrue(Path.of(s.dataset().csv().path()).isAbsolute(), "resolved dataset paths are absolute");
    }

    @Test
    void defaultsFillAnAlmostEmptySpace(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "dataset:\n  calo: {}\n");
        SearchSpace s = SearchSpaceLoader.load(f);
        assertEquals(4000, s.dataset().calo().events());
        assertEquals(12, s.search().population());
        assertEquals(NoiseGeometry.MULTIPLICATIVE, s.proxy().block(dev.plateau.landscape.NoiseCurvatureProxy.Settings.class).geometry());
    }

    @Test
    void unknownKeyNamesLineFieldAndKnownKeys() {
        InputException e = assertThrows(InputException.class, () -> SearchSpaceLoader.load(BAD.resolve("unknown-key.yaml")));
        assertEquals(9, e.line());
        assertTrue(e.problem().contains("dense_widht"), e.oneLine());
        assertTrue(e.fix().contains("dense_widths"), e.oneLine());
        assertTrue(e.oneLine().startsWith(BAD.resolve("unknown-key.yaml") + ":9:"), e.oneLine());
    }

    @Test
    void wrongTypeNamesLineAndField() {
        InputException e = assertThrows(InputException.class, () -> SearchSpaceLoader.load(BAD.resolve("wrong-type.yaml")));
        assertEquals(7, e.line());
        assertEquals("training.epochs[1]", e.field());
        assertTrue(e.problem().contains("integer"), e.oneLine());
    }

    @Test
    void missingDatasetFileNamesTheLineOfThePath() {
        InputException e = assertThrows(InputException.class, () -> SearchSpaceLoader.load(BAD.resolve("missing-file.yaml")));
        assertEquals(5, e.line());
        assertEquals("dataset.csv.path", e.field());
        assertTrue(e.problem().contains("no-such-file.csv"), e.oneLine());
    }

    @Test
    void unknownObjectiveNamesItsListEntry() {
        InputException e = assertThrows(InputException.class, () -> SearchSpaceLoader.load(BAD.resolve("out-of-range.yaml")));
        assertEquals(11, e.line());
        assertEquals("search.objectives[1].name", e.field());
    }

    @Test
    void convolutionsNeedImageData() {
        InputException e = assertThrows(InputException.class, () -> SearchSpaceLoader.load(BAD.resolve("cnn-on-table.yaml")));
        assertEquals("architecture.families", e.field());
        assertEquals(6, e.line());
    }

    @Test
    void yamlSyntaxErrorsHaveALine() {
        InputException e = assertThrows(InputException.class, () -> SearchSpaceLoader.load(BAD.resolve("bad-syntax.yaml")));
        assertTrue(e.line() >= 3, e.oneLine());
        assertTrue(e.problem().startsWith("not valid YAML"), e.oneLine());
    }

    @Test
    void everyMessageIsOneLine() {
        for (String f : List.of("unknown-key.yaml", "wrong-type.yaml", "missing-file.yaml", "out-of-range.yaml", "bad-syntax.yaml")) {
            InputException e = assertThrows(InputException.class, () -> SearchSpaceLoader.load(BAD.resolve(f)));
            assertEquals(-1, e.oneLine().indexOf('\n'), e.oneLine());
        }
    }

    @Test
    void configIdIgnoresTheSeedAndTracksEveryGene() {
        CandidateSpec a = new CandidateSpec(Family.MLP, List.of(), List.of(16, 8), Activation.RELU, 1e-3, 64, 10);
        CandidateSpec b = new CandidateSpec(Family.MLP, List.of(), List.of(16, 8), Activation.RELU, 1e-3, 64, 11);
        assertEquals(Instance.of(42, a, 1).configId(), Instance.of(42, a, 2).configId());
        assertNotEquals(a.configId(), b.configId());
        assertEquals("mlp|conv=|dense=16,8|act=relu|lr=0.001|batch=64|epochs=10", a.canonical());
    }

    @Test
    void instanceSeedsDependOnStudySeedConfigAndSeedOnly() {
        CandidateSpec a = new CandidateSpec(Family.MLP, List.of(), List.of(16), Activation.TANH, 1e-3, 64, 5);
        Instance i1 = Instance.of(42, a, 1);
        assertEquals(i1, Instance.of(42, a, 1));
        assertNotEquals(i1.initSeed(), Instance.of(42, a, 2).initSeed());
        assertNotEquals(i1.initSeed(), Instance.of(43, a, 1).initSeed());
        assertNotEquals(i1.initSeed(), i1.sampleSeed());
        assertTrue(i1.initSeed() > 0 && i1.sampleSeed() > 0);
    }

    @Test
    void theDeploymentNoiseModelChoosesTheProxyFamilies(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("d.yaml");
        Files.writeString(f, """
                dataset: {calo: {}}
                deployment:
                  weight_noise: {geometry: layer_range, level: 0.02}
                  input_noise: {level: 0.2}
                  faults: {bit_error_rate: 1.0e-4}
                search:
                  objectives: [{name: val_loss}, {name: fault_curvature_metric}]
                """);
        SearchSpace s = SearchSpaceLoader.load(f);
        assertEquals(List.of("noise_curvature", "risk", "input_noise", "fault_curvature"), s.proxy().families(s.deployment()));
        assertEquals(1e-4 * 1000 * 32, s.deployment().faults().expectedFlips(1000, 32), 1e-9);
    }

    @Test
    void anObjectiveOnAProxyThatIsNotComputedIsNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("o.yaml");
        Files.writeString(f, "dataset: {calo: {}}\nsearch:\n  objectives: [{name: val_loss}, {name: hessian_trace}]\n");
        InputException e = assertThrows(InputException.class, () -> SearchSpaceLoader.load(f));
        assertEquals("search.objectives[1].name", e.field());
        assertTrue(e.problem().contains("'hessian_trace' is not computed") && e.fix().contains("proxy.compute"), e.oneLine());
        Files.writeString(f, "dataset: {calo: {}}\nproxy: {compute: [noise_curvature, hessian]}\n"
                + "search:\n  objectives: [{name: val_loss}, {name: hessian_trace}]\n");
        assertEquals(List.of("noise_curvature", "hessian"), SearchSpaceLoader.load(f).proxy().compute());
    }
}
