package dev.plateau.model;

/** The tensor a layer sees: channels × height × width for feature maps, or {@code width} for vectors. */
record LayerShape(int channels, int height, int width) {
    static LayerShape vector(int n) { return new LayerShape(n, 1, 1); }

    int size() { return channels * height * width; }
}
