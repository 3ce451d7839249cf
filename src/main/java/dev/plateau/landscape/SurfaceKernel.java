package dev.plateau.landscape;

import dev.plateau.model.ParamBlock;
import dev.plateau.model.quant.IntegerTensor;
import dev.plateau.model.quant.SymmetricQuantizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A kernel of a loss surface's weight vector in integer form, with the flat position of each of its
 * elements ({@code flatIndex[e]} for element e in 'c' order), so a fault model can move one weight of
 * the flat vector. The positions belong to the surface, not to the tensor, so they are kept here.
 */
record SurfaceKernel(IntegerTensor tensor, int[] flatIndex) {

    /**
     * The kernels of {@code w0} quantised at {@code bits}. Each tensor is read through DL4J's view; its
     * flat positions are found by writing element numbers into the view and reading the flat vector
     * back, so no layout is assumed.
     */
    static List<SurfaceKernel> of(LossSurface s, INDArray w0, SymmetricQuantizer q) {
        List<SurfaceKernel> out = new ArrayList<>();
        for (ParamBlock b : s.blocks()) {
            if (!b.weight()) continue;
            INDArray tensor = s.tensor(b, w0);
            IntegerTensor integers = IntegerTensor.of(b.layer(), b.key(), tensor, q);
            double[] numbers = new double[integers.size()];
            for (int i = 0; i < numbers.length; i++) numbers[i] = i + 1;
            Map<ParamBlock, INDArray> probe = new LinkedHashMap<>();
            probe.put(b, Nd4j.createFromArray(numbers).reshape('c', tensor.shape()));
            double[] flat = s.flat(probe).toDoubleVector();
            int[] flatIndex = new int[numbers.length];
            for (int f = 0; f < flat.length; f++) if (flat[f] > 0) flatIndex[(int) Math.round(flat[f]) - 1] = f;
            out.add(new SurfaceKernel(integers, flatIndex));
        }
        return out;
    }

    int size() { return tensor.size(); }
}
