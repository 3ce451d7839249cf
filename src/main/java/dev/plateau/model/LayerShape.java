package dev.plateau.model;

/** The tensor a layer sees: channels × height × width for feature maps, or {@code width} for vectors. */
public record LayerShape(int channels, int height, int width) {
    public static LayerShape vector(int n) { return new LayerShape(n, 1, 1); }

    public int size() { return channels * height * width; }
}
