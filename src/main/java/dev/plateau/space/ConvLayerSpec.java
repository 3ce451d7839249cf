package dev.plateau.space;

/** One convolution: output channels and square kernel size. */
public record ConvLayerSpec(int filters, int kernel) {
    public ConvLayerSpec {
        if (filters < 1 || kernel < 1) throw new IllegalArgumentException("conv layer needs filters >= 1 and kernel >= 1, got " + filters + "/" + kernel);
    }
}
