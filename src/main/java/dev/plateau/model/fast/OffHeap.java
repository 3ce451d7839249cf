package dev.plateau.model.fast;

import java.lang.reflect.Field;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import sun.misc.Unsafe;

/**
 * Direct access to ND4J's off-heap float memory for the loops of the fast layers. ND4J ops cost
 * 5–20 µs each whatever their size and libnd4j's im2col writes through a permuted view (65 % of a
 * stock CNN step, conv-speed.md §1); plain loops over raw addresses do the same work at memory speed.
 * Only contiguous C-order float arrays are handed out as addresses ({@link #address}).
 */
final class OffHeap {
    static final Unsafe UNSAFE = unsafe();

    private OffHeap() {}

    private static Unsafe unsafe() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("sun.misc.Unsafe is needed by the fast convolution layers", e);
        }
    }

    /** The address of element 0 of a contiguous C-order float or double array (its buffer's address includes a view's offset). */
    static long address(INDArray a) {
        if (!supported(a.dataType()) || !contiguous(a))
            throw new IllegalArgumentException("needs a contiguous C-order float array, got " + a.shapeInfoToString());
        return a.data().addressPointer().address();
    }

    static boolean supported(DataType t) { return t == DataType.FLOAT || t == DataType.DOUBLE; }

    /**
     * Keeps arrays alive up to this call. A raw address does not keep its array reachable: once the
     * JIT sees no further Java use, the array can be collected and ND4J's deallocator thread frees its
     * memory while a loop or a BLAS call still works on it (a rare, load-dependent crash). Every method
     * that hands addresses to native code or to {@link ConvKernels} calls this after its last native use.
     */
    static void keep(Object... arrays) { java.lang.ref.Reference.reachabilityFence(arrays); }

    /** {@code a} itself when its memory is contiguous C order, else a C-order copy. */
    static INDArray contiguousCopy(INDArray a) { return contiguous(a) ? a : a.dup('c'); }

    /** Whether {@code a}'s elements lie densely in C order (strides of its shape, size-1 axes aside). */
    static boolean contiguous(INDArray a) {
        long expected = 1;
        long[] shape = a.shape(), stride = a.stride();
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }

    /** A scratch array of at least {@code length} elements outside every workspace, grown (or retyped) as needed. */
    static INDArray scratch(INDArray current, DataType type, long length) {
        if (current != null && current.dataType() == type && current.length() >= length) return current;
        try (var ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            return Nd4j.createUninitializedDetached(type, Math.max(length, 1));
        }
    }

    /** The first {@code shape}-many elements of a scratch array, as a C-order array of that shape. */
    static INDArray view(INDArray scratch, long... shape) {
        long n = 1;
        for (long s : shape) n *= s;
        return scratch.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n)).reshape('c', shape);
    }
}
