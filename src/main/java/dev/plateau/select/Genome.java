package dev.plateau.select;

import dev.plateau.space.ArchitectureSpace;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.ConvLayerSpec;
import dev.plateau.space.Family;
import dev.plateau.space.Instance;
import dev.plateau.space.Regularization;
import dev.plateau.space.RegularizerSpace;
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
 * learning rate, batch size, epochs, seed; then optional groups, each only in a space that searches it
 * (so older spaces keep their genomes): weight and activation bits; the {@value RegularizerSpace#GENES}
 * regularizer genes; training-sample size; energy input.
 */
public final class Genome {
    static final int RESOLUTION = 1 << 20;
    private static final int FAMILY = 0, CONV_COUNT = 1, FILTERS = 2, KERNELS = 2 + ArchitectureSpace.MAX_CONV_LAYERS,
            DENSE_COUNT = KERNELS + ArchitectureSpace.MAX_CONV_LAYERS, WIDTHS = DENSE_COUNT + 1,
            ACTIVATION = WIDTHS + ArchitectureSpace.MAX_DENSE_LAYERS, LEARNING_RATE = ACTIVATION + 1,
            BATCH = LEARNING_RATE + 1, EPOCHS = BATCH + 1, SEED = EPOCHS + 1;
    /** Genes every space has; optional groups follow. */
    static final int LENGTH = SEED + 1;

    private final SearchSpace space;

    public Genome(SearchSpace space) { this.space = space; }

    /** Genes of this space: the optional groups only when the space searches them, so other spaces are unchanged. */
    int length() {
        return LENGTH + (space.precision().searched() ? 2 : 0) + (space.regularizers().searched() ? RegularizerSpace.GENES : 0)
                + (space.training().trainingSamples().size() > 1 ? 1 : 0) + (space.architecture().energyInput().size() > 1 ? 1 : 0);
    }

    public Factory<Genotype<IntegerGene>> factory() {
        return Genotype.of(IntegerChromosome.of(0, RESOLUTION - 1, length()));
    }

    public Instance decode(Genotype<IntegerGene> genotype) {
        IntegerChromosome c = genotype.chromosome().as(IntegerChromosome.class);
        int[] genes = new int[length()];
        for (int i = 0; i < genes.length; i++) genes[i] = c.get(i).intValue();
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
        var p = space.precision();
        int next = LENGTH;
        int wBits = p.weightBits().get(0), aBits = p.activationBits().get(0);
        if (p.searched()) {
            wBits = pick(p.weightBits(), g[next++]);
            aBits = pick(p.activationBits(), g[next++]);
        }
        RegularizerSpace r = space.regularizers();
        Regularization regularization = r.searched() ? r.decode(g, next, (choices, gene) -> index(gene, choices)) : r.all().get(0);
        if (r.searched()) next += RegularizerSpace.GENES;
        int samples = t.trainingSamples().size() > 1 ? pick(t.trainingSamples(), g[next++]) : t.trainingSamples().get(0);
        boolean energy = a.energyInput().size() > 1 ? pick(a.energyInput(), g[next++]) : a.energyInput().get(0);
        CandidateSpec spec = new CandidateSpec(family, conv, widths, pick(a.activations(), g[ACTIVATION]),
                pick(t.learningRates(), g[LEARNING_RATE]), pick(t.batchSizes(), g[BATCH]), pick(t.epochs(), g[EPOCHS]),
                wBits, aBits, p.perChannel(), regularization, samples, energy, a.convBias(), p.powerOfTwoScales());
        int seed = 1 + index(g[SEED], t.seeds());
        return Instance.of(space.study().seed(), spec, seed);
    }

    /**
     * {@code count} distinct configurations drawn uniformly from the space with a seeded stream (fewer
     * when the space is smaller), for the random baseline and for validation populations.
     */
    public List<CandidateSpec> randomConfigurations(int count, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<CandidateSpec> out = new ArrayList<>();
        for (long draws = 0; out.size() < count && draws < 1000L * count; draws++) {
            CandidateSpec spec = decode(randomGenes(rng)).spec();
            if (seen.add(spec.configId())) out.add(spec);
        }
        return out;
    }

    /** Uniformly random genes, for the random-search baseline. */
    int[] randomGenes(java.util.SplittableRandom rng) {
        int[] g = new int[length()];
        for (int i = 0; i < g.length; i++) g[i] = rng.nextInt(RESOLUTION);
        return g;
    }

    /** How many configurations the space holds (seeds excluded): the exhaustive grid's size. */
    public long configurationCount() {
        ArchitectureSpace a = space.architecture();
        TrainingSpace t = space.training();
        long convStacks = convStacks().size(), denseStacks = denseStacks().size();
        long size = 0;
        for (Family f : a.families()) size += (f == Family.CNN ? convStacks : 1L) * denseStacks;
        return size * a.activations().size() * t.learningRates().size() * t.batchSizes().size() * t.epochs().size()
                * space.precision().weightBits().size() * space.precision().activationBits().size()
                * space.regularizers().all().size() * t.trainingSamples().size() * a.energyInput().size();
    }

    private List<List<ConvLayerSpec>> convStacks() {
        ArchitectureSpace a = space.architecture();
        List<List<ConvLayerSpec>> convStacks = new ArrayList<>();
        for (int n = a.convLayers().min(); n <= a.convLayers().max(); n++) {
            List<ConvLayerSpec> layer = new ArrayList<>();
            for (int f : a.convFilters()) for (int k : a.convKernels()) layer.add(new ConvLayerSpec(f, k));
            convStacks.addAll(product(layer, n));
        }
        return convStacks;
    }

    private List<List<Integer>> denseStacks() {
        ArchitectureSpace a = space.architecture();
        List<List<Integer>> denseStacks = new ArrayList<>();
        for (int n = a.denseLayers().min(); n <= a.denseLayers().max(); n++) denseStacks.addAll(product(a.denseWidths(), n));
        return denseStacks;
    }

    /** The largest space the grid baseline enumerates. */
    static final long MAX_GRID = 1_000_000;

    /**
     * Every configuration of the space, in a fixed nested order (family, convolutions, dense layers,
     * activation, learning rate, batch size, epochs, precision, regularization, training samples, energy
     * input), for the exhaustive-grid baseline.
     */
    public List<CandidateSpec> allConfigurations() {
        ArchitectureSpace a = space.architecture();
        TrainingSpace t = space.training();
        List<List<ConvLayerSpec>> convStacks = convStacks();
        List<List<Integer>> denseStacks = denseStacks();
        List<Regularization> regularizations = space.regularizers().all();
        long size = configurationCount();
        if (size > MAX_GRID)
            throw new IllegalArgumentException("the grid has " + size + " configurations, more than " + MAX_GRID);
        List<CandidateSpec> out = new ArrayList<>();
        for (Family f : a.families())
            for (List<ConvLayerSpec> conv : f == Family.CNN ? convStacks : List.of(List.<ConvLayerSpec>of()))
                for (List<Integer> dense : denseStacks)
                    for (var act : a.activations())
                        for (double lr : t.learningRates())
                            for (int batch : t.batchSizes())
                                for (int epochs : t.epochs())
                                    for (int wb : space.precision().weightBits())
                                        for (int ab : space.precision().activationBits())
                                            for (Regularization reg : regularizations)
                                                for (int samples : t.trainingSamples())
                                                    for (boolean energy : a.energyInput())
                                                        out.add(new CandidateSpec(f, conv, dense, act, lr, batch, epochs, wb, ab,
                                                                space.precision().perChannel(), reg, samples, energy, a.convBias(),
                                                                space.precision().powerOfTwoScales()));
        return out;
    }

    private static <T> List<List<T>> product(List<T> choices, int length) {
        List<List<T>> out = new ArrayList<>();
        out.add(List.of());
        for (int i = 0; i < length; i++) {
            List<List<T>> next = new ArrayList<>();
            for (List<T> prefix : out)
                for (T c : choices) {
                    List<T> l = new ArrayList<>(prefix);
                    l.add(c);
                    next.add(l);
                }
            out = next;
        }
        return out;
    }

    static int index(int gene, int choices) { return (int) ((long) gene * choices / RESOLUTION); }

    private static <T> T pick(List<T> choices, int gene) { return choices.get(index(gene, choices.size())); }
}
