package dev.plateau.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.space.Family;
import dev.plateau.space.Instance;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.SearchSpaceLoader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GenomeTest {
    final SearchSpace space = SearchSpaceLoader.load(Path.of("search-spaces/quickstart.yaml"));
    final Genome genome = new Genome(space);

    @Test
    void geneIndexCoversEveryChoiceEvenly() {
        int[] counts = new int[3];
        for (int g = 0; g < Genome.RESOLUTION; g += 7) counts[Genome.index(g, 3)]++;
        for (int c : counts) assertEquals(Genome.RESOLUTION / 7 / 3.0, c, 2.0);
        assertEquals(0, Genome.index(0, 5));
        assertEquals(4, Genome.index(Genome.RESOLUTION - 1, 5));
    }

    @Test
    void decodingReachesEveryChoiceAndStaysInRange() {
        SplittableRandom rng = new SplittableRandom(2);
        Set<Object> families = new HashSet<>(), widths = new HashSet<>(), seeds = new HashSet<>(), depths = new HashSet<>();
        for (int n = 0; n < 3000; n++) {
            int[] g = new int[genome.length()];
            for (int i = 0; i < g.length; i++) g[i] = rng.nextInt(Genome.RESOLUTION);
            Instance inst = genome.decode(g);
            families.add(inst.spec().family());
            widths.addAll(inst.spec().denseWidths());
            seeds.add(inst.seed());
            depths.add(inst.spec().denseWidths().size());
            if (inst.spec().family() == Family.CNN) {
                int convs = inst.spec().convLayers().size();
                assertTrue(convs >= 1 && convs <= 2);
            } else assertTrue(inst.spec().convLayers().isEmpty());
            assertTrue(space.training().learningRates().contains(inst.spec().learningRate()));
        }
        assertEquals(Set.of(Family.MLP, Family.CNN), families);
        assertEquals(Set.copyOf(space.architecture().denseWidths()), widths);
        assertEquals(Set.of(1, 2, 3), seeds);
        var span = space.architecture().denseLayers();
        assertEquals(java.util.stream.IntStream.rangeClosed(span.min(), span.max()).boxed().collect(java.util.stream.Collectors.toSet()), depths);
    }
}
