package dev.plateau.model.fast;

import static dev.plateau.model.fast.OffHeap.UNSAFE;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A float dense layer as out = act(x·W + b): the bias rows are written first and one GEMM accumulates
 * onto them; ReLU is applied (and, backwards, masked) in a plain loop; the gradients are two GEMMs and a
 * column sum. Weights pass through DL4J's weight-noise hook (quantisation-aware training). Anything
 * else — other data types, dropout, layer norm, masks — falls back to the stock layer it extends.
 */
public class FastDenseLayer extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {
    private static final long serialVersionUID = 1L;

    private transient INDArray lastOutput, lastPre, preBuffer;
    private transient boolean fusedRelu;
    /** Forward and backward passes that took the fast path. */
    transient int fastPasses;

    public FastDenseLayer(NeuralNetConfiguration conf, DataType dataType) { super(conf, dataType); }

    private boolean fastPathApplies() {
        var c = layerConf();
        return dataType == DataType.FLOAT && input != null && input.rank() == 2 && input.dataType() == dataType
                && c.getIDropout() == null && !c.hasLayerNorm() && maskArray == null;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        if (!fastPathApplies()) return super.activate(training, mgr);
        INDArray x = OffHeap.contiguousCopy(input);
        int n = (int) x.size(0), in = (int) x.size(1), out = (int) layerConf().getNOut();
        INDArray result = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {n, out}, 'c');
        long to = OffHeap.address(result);
        INDArray biasParam = hasBias() ? getParamWithNoise(DefaultParamInitializer.BIAS_KEY, training, mgr) : null;
        if (biasParam != null) {
            long bias = OffHeap.address(biasParam);
            for (int r = 0; r < n; r++) UNSAFE.copyMemory(bias, to + (long) r * out * Float.BYTES, (long) out * Float.BYTES);
        } else UNSAFE.setMemory(to, (long) n * out * Float.BYTES, (byte) 0);
        INDArray weights = weights(training, mgr);
        multiply(x, weights, false, result, n, out, in, true);
        fusedRelu = layerConf().getActivationFn().getClass() == ActivationReLU.class
                && layerConf().getActivationFn().equals(new ActivationReLU());
        if (fusedRelu) {
            long end = to + (long) n * out * Float.BYTES;
            for (long a = to; a < end; a += Float.BYTES) UNSAFE.putFloat(a, Math.max(UNSAFE.getFloat(a), 0f));
            lastPre = null;
        } else {
            if (training) {
                // kept outside the workspaces, which are reset between the forward and the backward pass
                preBuffer = OffHeap.scratch(preBuffer, dataType, (long) n * out);
                lastPre = OffHeap.view(preBuffer, n, out);
                UNSAFE.copyMemory(to, OffHeap.address(lastPre), (long) n * out * Float.BYTES);
            } else lastPre = null;
            layerConf().getActivationFn().getActivation(result, training);
        }
        lastOutput = training ? result : null;
        OffHeap.keep(x, weights, biasParam, result, lastPre);
        fastPasses++;
        return result;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        if (!fastPathApplies() || lastOutput == null || lastOutput.size(0) != input.size(0))
            return super.backpropGradient(epsilon, mgr);
        assertInputSet(true);
        INDArray x = OffHeap.contiguousCopy(input);
        int n = (int) x.size(0), in = (int) x.size(1), out = (int) layerConf().getNOut();
        INDArray dz, eps = null;
        if (fusedRelu) {
            dz = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {n, out}, 'c');
            eps = OffHeap.contiguousCopy(epsilon);
            long e = OffHeap.address(eps), o = OffHeap.address(lastOutput), d = OffHeap.address(dz), end = (long) n * out * Float.BYTES;
            // keep the gradient where out > 0: the sign bit of 0 − out is set exactly then
            for (long k = 0; k < end; k += Float.BYTES)
                UNSAFE.putFloat(d + k, Float.intBitsToFloat(Float.floatToRawIntBits(UNSAFE.getFloat(e + k))
                        & (Float.floatToRawIntBits(0f - UNSAFE.getFloat(o + k)) >> 31)));
        } else dz = OffHeap.contiguousCopy(layerConf().getActivationFn().backprop(lastPre, epsilon.dup()).getFirst());

        Gradient gradient = new DefaultGradient();
        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        // dW = xᵀ·dz, written straight into DL4J's gradient view (column-major [in, out] = row-major dWᵀ)
        if (weightGrad.ordering() == 'f' && OffHeap.contiguous(weightGrad.transpose()))
            Gemm.rowMajor(true, false, out, in, n, OffHeap.address(dz), out, OffHeap.address(x), in, weightGrad.data().addressPointer().address(), in, 0f);
        else
            Gemm.rowMajor(true, false, in, out, n, OffHeap.address(x), in, OffHeap.address(dz), out, OffHeap.address(weightGrad), out, 0f);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        if (hasBias()) {
            INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            double[] sums = new double[out];
            long d = OffHeap.address(dz);
            for (int r = 0; r < n; r++)
                for (int j = 0; j < out; j++) sums[j] += UNSAFE.getFloat(d + ((long) r * out + j) * Float.BYTES);
            long b = OffHeap.address(biasGrad);
            for (int j = 0; j < out; j++) UNSAFE.putFloat(b + (long) j * Float.BYTES, (float) sums[j]);
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        }
        INDArray inputGrad = null, weights = null;
        if (((FastDense) layerConf()).isInputGradient()) {
            inputGrad = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {n, in}, 'c');
            weights = weights(true, mgr);
            multiply(dz, weights, true, inputGrad, n, in, out, false);
        }
        OffHeap.keep(x, eps, dz, weightGrad, gradientViews.get(DefaultParamInitializer.BIAS_KEY), inputGrad, weights, lastOutput);
        lastOutput = null;
        lastPre = null;
        weightNoiseParams.clear();
        fastPasses++;
        return new Pair<>(gradient, inputGrad);
    }

    private INDArray weights(boolean training, LayerWorkspaceMgr mgr) {
        INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, training, mgr);
        return OffHeap.contiguous(w) || (w.ordering() == 'f' && OffHeap.contiguous(w.transpose())) ? w : w.dup('c');
    }

    /**
     * c[m][n] (+)= a[m][k]·op(W) where W is the [in, out] kernel in either memory order and op transposes
     * it when {@code transposeW}; {@code accumulate} adds onto c.
     */
    private static void multiply(INDArray a, INDArray w, boolean transposeW, INDArray c, int m, int n, int k, boolean accumulate) {
        boolean columnMajor = w.ordering() == 'f' && !OffHeap.contiguous(w);
        // row-major memory of W is [in][out]; column-major memory is [out][in]
        boolean trans = columnMajor != transposeW;
        int ldw = columnMajor ? (int) w.size(0) : (int) w.size(1);
        Gemm.rowMajor(false, trans, m, n, k, OffHeap.address(a), k, w.data().addressPointer().address(), ldw, OffHeap.address(c), n,
                accumulate ? 1f : 0f);
        OffHeap.keep(a, w, c);
    }
}
