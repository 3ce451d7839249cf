package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The architecture genes and their choices. A CNN has {@code convLayers} convolutions (each with a
 * filter count and a square kernel, valid padding, 2×2 max-pooling after it while the map is at least
 * 4 cells wide) in front of {@code denseLayers} hidden dense layers; an MLP has the dense layers only.
 * The energy-input gene appends the total deposited energy (sum of the inputs) to the first dense
 * layer's inputs, the calorimeter study's inductive bias ("Model 2"); {@code conv_bias: false} builds
 * convolutions without biases, as in that study.
 */
public record ArchitectureSpace(
        @JsonProperty("families") List<Family> families,
        @JsonProperty("conv_layers") IntSpan convLayers,
        @JsonProperty("conv_filters") List<Integer> convFilters,
        @JsonProperty("conv_kernels") List<Integer> convKernels,
        @JsonProperty("dense_layers") IntSpan denseLayers,
        @JsonProperty("dense_widths") List<Integer> denseWidths,
        @JsonProperty("activations") List<Activation> activations,
        @JsonProperty("energy_input") List<Boolean> energyInput,
        @JsonProperty("conv_bias") Boolean convBias) {

    public static final int MAX_CONV_LAYERS = 2, MAX_DENSE_LAYERS = 4;

    public ArchitectureSpace {
        if (families == null) families = List.of(Family.MLP);
        if (convLayers == null) convLayers = IntSpan.of(1, 2);
        if (convFilters == null) convFilters = List.of(4, 8, 16);
        if (convKernels == null) convKernels = List.of(3);
        if (denseLayers == null) denseLayers = IntSpan.of(1, 3);
        if (denseWidths == null) denseWidths = List.of(8, 16, 32, 64);
        if (activations == null) activations = List.of(Activation.RELU);
        if (energyInput == null) energyInput = List.of(false);
        if (convBias == null) convBias = true;
    }

    void validate(String at, DataSource source) {
        boolean imageData = source.isImage();
        SpaceViolation.require(!families.isEmpty() && families.stream().noneMatch(java.util.Objects::isNull), at + "/families", "needs at least one family", "use [mlp] or [mlp, cnn]");
        SpaceViolation.require(imageData || !families.contains(Family.CNN), at + "/families",
                source instanceof Hdf5Source h && h.cells() ? "a CNN reads one image layer, but hdf5.features names " + h.features().size() + " datasets"
                        : "cnn needs image data, but this dataset is a plain table",
                source instanceof Hdf5Source ? "name one image dataset under hdf5.features (e.g. [layer_1]), or use families: [mlp]"
                        : "use families: [mlp], or a calo dataset");
        SpaceViolation.requireSpan(convLayers, at + "/conv_layers", 1, MAX_CONV_LAYERS);
        SpaceViolation.requireChoices(convFilters, at + "/conv_filters", 1, 512, "use e.g. [4, 8, 16]");
        SpaceViolation.requireChoices(convKernels, at + "/conv_kernels", 1, 7, "use e.g. [3]");
        SpaceViolation.requireSpan(denseLayers, at + "/dense_layers", 1, MAX_DENSE_LAYERS);
        SpaceViolation.requireChoices(denseWidths, at + "/dense_widths", 1, 4096, "use e.g. [8, 16, 32, 64]");
        SpaceViolation.require(!activations.isEmpty() && activations.stream().noneMatch(java.util.Objects::isNull), at + "/activations", "needs at least one activation", "use e.g. [relu]");
        SpaceViolation.require(!energyInput.isEmpty() && energyInput.stream().noneMatch(java.util.Objects::isNull), at + "/energy_input",
                "needs at least one of true, false", "use [false, true]");
        SpaceViolation.require(!energyInput.contains(true) || source.hasCells(), at + "/energy_input",
                "the energy input is the sum of image cells, but this dataset is a plain table", "drop energy_input, or use a calo dataset");
    }
}
