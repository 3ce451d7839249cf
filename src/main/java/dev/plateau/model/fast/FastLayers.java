package dev.plateau.model.fast;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * Layer configurations moved between Plateau's fast classes and DL4J's stock ones. A fast
 * configuration is its stock parent plus a flag, so the move copies the parent's fields: a saved
 * model names only stock classes, and a loaded one runs the fast kernels again.
 */
public final class FastLayers {
    private FastLayers() {}

    /** The stock configuration of a fast layer (a copy), or {@code layer} itself when it is stock already. */
    public static Layer stock(Layer layer) {
        if (layer instanceof FastConvolution) return copy(layer, new ConvolutionLayer(), ConvolutionLayer.class);
        if (layer instanceof FastMaxPool) return copy(layer, new SubsamplingLayer(), SubsamplingLayer.class);
        if (layer instanceof FastDense) return copy(layer, new DenseLayer(), DenseLayer.class);
        return layer;
    }

    /**
     * The fast configuration of a stock convolution, max-pool or dense layer (a copy); any other layer unchanged.
     *
     * @param inputGradient false for a network's first layer: training never reads the gradient with respect to the input
     */
    public static Layer fast(Layer layer, boolean inputGradient) {
        if (layer.getClass() == ConvolutionLayer.class) {
            FastConvolution fast = copy(layer, new FastConvolution(), ConvolutionLayer.class);
            fast.setInputGradient(inputGradient);
            return fast;
        }
        if (layer.getClass() == SubsamplingLayer.class) return copy(layer, new FastMaxPool(), SubsamplingLayer.class);
        if (layer.getClass() == DenseLayer.class) return FastDense.of((DenseLayer) layer, inputGradient);
        return layer;
    }

    /** {@code to} with every field {@code from} has as a {@code type} (declared in it or its superclasses). */
    static <T> T copy(Object from, T to, Class<?> type) {
        for (Class<?> c = type; c != Object.class; c = c.getSuperclass())
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) continue;
                try {
                    f.setAccessible(true);
                    f.set(to, f.get(from));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot copy " + c.getSimpleName() + "." + f.getName(), e);
                }
            }
        return to;
    }
}
