package dev.plateau.space;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One decoded configuration: everything that defines a trained network except its seed. Two
 * candidates with equal specs are instances of one configuration, identified by {@link #configId()}.
 */
public record CandidateSpec(
        Family family,
        List<ConvLayerSpec> convLayers,
        List<Integer> denseWidths,
        Activation activation,
        double learningRate,
        int batchSize,
        int epochs,
        int weightBits,
        int activationBits,
        boolean perChannel,
        Regularization regularization,
        int trainingSamples,
        boolean energyInput,
        boolean convBias,
        boolean powerOfTwoScales) {

    /** Quantiser scales of any value (not restricted to powers of two). */
    public CandidateSpec(Family family, List<ConvLayerSpec> convLayers, List<Integer> denseWidths, Activation activation, double learningRate,
                         int batchSize, int epochs, int weightBits, int activationBits, boolean perChannel, Regularization regularization,
                         int trainingSamples, boolean energyInput, boolean convBias) {
        this(family, convLayers, denseWidths, activation, learningRate, batchSize, epochs, weightBits, activationBits, perChannel, regularization,
                trainingSamples, energyInput, convBias, false);
    }

    /** A float32 configuration. */
    public CandidateSpec(Family family, List<ConvLayerSpec> convLayers, List<Integer> denseWidths, Activation activation,
                         double learningRate, int batchSize, int epochs) {
        this(family, convLayers, denseWidths, activation, learningRate, batchSize, epochs, PrecisionSpace.FLOAT, PrecisionSpace.FLOAT, true);
    }

    /** An unregularized configuration trained on the whole training split. */
    public CandidateSpec(Family family, List<ConvLayerSpec> convLayers, List<Integer> denseWidths, Activation activation,
                         double learningRate, int batchSize, int epochs, int weightBits, int activationBits, boolean perChannel) {
        this(family, convLayers, denseWidths, activation, learningRate, batchSize, epochs, weightBits, activationBits, perChannel,
                Regularization.NONE, TrainingSpace.ALL_SAMPLES, false, true);
    }

    public CandidateSpec {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(regularization, "regularization");
        if (trainingSamples < 0) throw new IllegalArgumentException("training samples must be >= 0 (0 = all), got " + trainingSamples);
        convLayers = List.copyOf(convLayers);
        denseWidths = List.copyOf(denseWidths);
        if (family == Family.MLP && !convLayers.isEmpty()) throw new IllegalArgumentException("an MLP has no conv layers");
        if (family == Family.CNN && convLayers.isEmpty()) throw new IllegalArgumentException("a CNN needs a conv layer");
        if (denseWidths.isEmpty()) throw new IllegalArgumentException("at least one dense layer is needed");
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        if (batchSize < 1 || epochs < 1) throw new IllegalArgumentException("batch size and epochs must be >= 1");
        if (weightBits != PrecisionSpace.FLOAT && (weightBits < 2 || weightBits > 16)) throw new IllegalArgumentException("weight bits " + weightBits);
        if (activationBits != PrecisionSpace.FLOAT && (activationBits < 2 || activationBits > 16))
            throw new IllegalArgumentException("activation bits " + activationBits);
    }

    /**
     * A canonical, human-readable description; {@link #configId()} hashes it, so its format is part of
     * the study format and must not change.
     */
    public String canonical() {
        // each later gene appends its part only when it differs from the default, so configurations
        // that do not use it keep the canonical text (and configId) they had before it existed
        String suffix = (quantised() ? String.format(Locale.ROOT, "|w%da%d%s%s", weightBits, activationBits, perChannel ? "c" : "t",
                powerOfTwoScales && weightBits != PrecisionSpace.FLOAT ? "2" : "") : "")
                + (regularization.equals(Regularization.NONE) ? "" : "|reg=" + regularization.canonical())
                + (trainingSamples == TrainingSpace.ALL_SAMPLES ? "" : "|n=" + trainingSamples)
                + (energyInput ? "|energy" : "")
                + (convBias ? "" : "|nobias");
        return String.format(Locale.ROOT, "%s|conv=%s|dense=%s|act=%s|lr=%s|batch=%d|epochs=%d",
                family.label(),
                convLayers.stream().map(c -> c.filters() + "x" + c.kernel()).collect(Collectors.joining(",")),
                denseWidths.stream().map(String::valueOf).collect(Collectors.joining(",")),
                activation.label(), Double.toString(learningRate), batchSize, epochs) + suffix;
    }

    /** Whether weights or activations are quantised. */
    public boolean quantised() { return weightBits != PrecisionSpace.FLOAT || activationBits != PrecisionSpace.FLOAT; }

    /** Stable content hash of the configuration (seed excluded): 12 hex digits of SHA-256. */
    public String configId() { return sha256Hex(canonical()).substring(0, 12); }

    static String sha256Hex(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
