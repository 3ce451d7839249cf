package dev.plateau.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.space.CandidateSpec;
import dev.plateau.space.Instance;
import dev.plateau.space.Regularization;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.SearchSpaceLoader;
import dev.plateau.space.Sharpness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional gene groups: precision, regularizers, training-sample size, energy input. */
class GeneGroupsTest {
    static final String BASE = """
            study: {name: genes, seed: 5}
            dataset:
              calo: {variant: A, events: 400, target: energy}
            """;
    static final String ARCHITECTURE = """
            architecture:
              families: [mlp]
              dense_layers: {min: 1, max: 2}
              activations: [relu]
            """;

    static SearchSpace space(Path dir, String extra) throws Exception {
        Path f = dir.resolve("space.yaml");
        Files.writeString(f, BASE + extra);
        return SearchSpaceLoader.load(f);
    }

    @Test
    void spacesWithoutTheNewGroupsKeepTheirGenomesAndConfigIds(@TempDir Path dir) throws Exception {
        Genome plain = new Genome(space(dir, ARCHITECTURE));
        assertEquals(Genome.LENGTH, plain.length());
        int[] g = new int[Genome.LENGTH];
        CandidateSpec spec = plain.decode(g).spec();
        assertEquals(Regularization.NONE, spec.regularization());
        assertEquals(0, spec.trainingSamples());
        assertTrue(!spec.canonical().contains("reg=") && !spec.canonical().contains("|n=") && !spec.canonical().contains("energy"),
                spec.canonical());
        // the configId of a plain configuration is the hash of the text it always had
        assertEquals("mlp|conv=|dense=8|act=relu|lr=0.001|batch=64|epochs=10", spec.canonical());
    }

    @Test
    void everyGroupAddsItsGenesAndReachesEveryChoice(@TempDir Path dir) throws Exception {
        SearchSpace s = space(dir, """
                precision: {weight_bits: [4, 32], activation_bits: [8, 32]}
                regularizers:
                  l1: [0, 1.0e-5]
                  l2: [0, 1.0e-4]
                  weight_decay: [0, 1.0e-3]
                  dropout: [0, 0.2]
                  batch_norm: [false, true]
                  weight_noise: [0, 0.02]
                  orthogonality: [0, 1.0e-3]
                  jacobian: [0, 1.0e-3]
                  sharpness: [none, sam, asam, samson]
                  rho: [0.05, 0.5]
                training: {training_samples: [100, 200]}
                architecture:
                  families: [mlp]
                  activations: [relu]
                  energy_input: [false, true]
                """);
        Genome genome = new Genome(s);
        assertEquals(Genome.LENGTH + 2 + 10 + 1 + 1, genome.length());
        Set<Object> seen = new HashSet<>();
        SplittableRandom rng = new SplittableRandom(1);
        for (int n = 0; n < 2000; n++) {
            Instance i = genome.decode(genome.randomGenes(rng));
            Regularization r = i.spec().regularization();
            seen.add("l1=" + r.l1());
            seen.add("dropout=" + r.dropout());
            seen.add("bn=" + r.batchNorm());
            seen.add(r.sharpness());
            seen.add("rho=" + r.rho());
            seen.add("n=" + i.spec().trainingSamples());
            seen.add("energy=" + i.spec().energyInput());
            seen.add("w=" + i.spec().weightBits());
            if (r.sharpness() == Sharpness.NONE) assertEquals(0.0, r.rho(), "no radius without a method");
        }
        for (Object o : List.of("l1=0.0", "l1=1.0E-5", "dropout=0.2", "bn=true", "bn=false", Sharpness.SAM, Sharpness.ASAM,
                Sharpness.SAMSON, Sharpness.NONE, "rho=0.5", "n=100", "n=200", "energy=true", "w=4", "w=32"))
            assertTrue(seen.contains(o), "never decoded " + o);
    }

    @Test
    void regularizationIsPartOfTheConfigurationButNotTheSeed(@TempDir Path dir) throws Exception {
        Genome genome = new Genome(space(dir, ARCHITECTURE + "regularizers: {dropout: [0, 0.2], sharpness: [none, sam]}\n"));
        int[] g = new int[genome.length()];
        Instance off = genome.decode(g);
        g[Genome.LENGTH + 3] = (1 << 20) - 1;  // dropout gene → 0.2
        Instance on = genome.decode(g);
        assertNotEquals(off.configId(), on.configId());
        assertTrue(on.spec().canonical().endsWith("|reg=dropout=0.2"), on.spec().canonical());
        assertEquals(4, genome.allConfigurations().size() / new Genome(space(dir, ARCHITECTURE)).allConfigurations().size(),
                "the grid multiplies by dropout × sharpness choices");
    }
}
