package dev.plateau.data;

/** Channels × height × width of an image-like sample, stored row-major (channel first) in a flat row. */
public record ImageShape(int channels, int height, int width) {
    public ImageShape {
        if (channels < 1 || height < 1 || width < 1)
            throw new IllegalArgumentException("image shape must be positive, got " + channels + "x" + height + "x" + width);
    }

    public int size() { return channels * height * width; }
}
