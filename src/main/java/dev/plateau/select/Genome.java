package dev.plateau.select;

import dev.plateau.space.ArchitectureSpace;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.ConvLayerSpec;
import dev.plateau.space.Family;
import dev.plateau.space.Instance;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.TrainingSpace;
import io.jenetics.Genotype;
import io.jenetics.IntegerChromosome;
import io.jenetics.IntegerGene;
import io.jenetics.util.Factory;
import java.util.ArrayList;
import java.util.List;

/**
 * The genotype of a candidate: one integer gene per decision, each in [0, {@value #RESOLUTION}),
 * mapped onto its list of choices by {@code value · choices / RESOLUTION}. Keeping every gene in one
 * chromosome lets crossover mix genes, and the fine resolution keeps mutation uniform over choices.
 * Genes that the decoded configuration does not use (widths of absent layers) are carried along
 * silently, so they can come back in later generations.
 *
 * <p>Gene order: family, conv layers, 2 × filters, 2 × kernels, dense layers, 4 × widths, activation,
 * learning rate, batch size, epochs, seed.
 */
public final class Genome {
    static final int RESOLUTION = 1 << 20;
    private static final int FAMILY = 0, CONV_COUNT = 1, FILTERS = 2, KERNELS = 2 + ArchitectureSpace.MAX_CONV_LAYERS,
            DENSE_COUNT = KERNELS + ArchitectureSpace.MAX_CONV_LAYERS, WIDTHS = DENSE_COUNT + 1,
            ACTIVATION = WIDTHS + ArchitectureSpace.MAX_DENSE_LAYERS, LEARNING_RATE = ACTIVATION + 1,
            BATCH = LEARNING_RATE + 1, EPOCHS = BATCH + 1, SEED = EPOCHS + 1;
    static final int LENGTH = SEED + 1;

    private final SearchSpace space;

    public Genome(SearchSpace space) { this.space = space; }

    public Factory<Genotype<IntegerGene>> factory() {
        return Genotype.of(IntegerChromosome.of(0, RESOLUTION - 1, LENGTH));
    }

    public Instance decode(Genotype<IntegerGene> genotype) {
        IntegerChromosome c = genotype.chromosome().as(IntegerChromosome.class);
        int[] genes = new int[LENGTH];
        for (int i = 0; i < LENGTH; i++) genes[i] = c.get(i).intValue();
        return decode(genes);
    }

    Instance decode(int[] g) {
        ArchitectureSpace a = space.architecture();
        TrainingSpace t = space.training();
        Family family = pick(a.families(), g[FAMILY]);
        List<ConvLayerSpec> conv = new ArrayList<>();
        if (family == Family.CNN) {
            int count = a.convLayers().min() + index(g[CONV_COUNT], a.convLayers().size());
            for (int i = 0; i < count; i++)
                conv.add(new ConvLayerSpec(pick(a.convFilters(), g[FILTERS + i]), pick(a.convKernels(), g[KERNELS + i])));
        }
        int dense = a.denseLayers().min() + index(g[DENSE_COUNT], a.denseLayers().size());
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i < dense; i++) widths.add(pick(a.denseWidths(), g[WIDTHS + i]));
        CandidateSpec spec = new CandidateSpec(family, conv, widths, pick(a.activations(), g[ACTIVATION]),
                pick(t.learningRates(), g[LEARNING_RATE]), pick(t.batchSizes(), g[BATCH]), pick(t.epochs(), g[EPOCHS]));
        int seed = 1 + index(g[SEED], t.seeds());
        return Instance.of(space.study().seed(), spec, seed);
    }

    static int index(int gene, int choices) { return (int) ((long) gene * choices / RESOLUTION); }

    private static <T> T pick(List<T> choices, int gene) { return choices.get(index(gene, choices.size())); }
}
