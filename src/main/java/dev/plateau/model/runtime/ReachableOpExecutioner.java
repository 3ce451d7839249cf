package dev.plateau.model.runtime;

import java.lang.ref.Reference;
import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.aggregates.Aggregate;
import org.nd4j.linalg.api.ops.BroadcastOp;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.IndexAccumulation;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.RandomOp;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.aggregates.Batch;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterUpdate;
import org.nd4j.linalg.api.ops.impl.summarystats.Variance;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;

/**
 * ND4J's CPU executioner with the op kept reachable for the whole native call.
 *
 * <p>{@code NativeOpExecutioner} reads each operand's native buffer handle and then calls libnd4j;
 * once compiled, the JIT treats the op — and with it arrays that only the op references, such as a
 * broadcast's or reduction's {@code dimensionz} array, created detached for every op — as dead during
 * that call. A garbage collection in that window queues the array's buffer for ND4J's deallocator
 * thread, which deletes the native {@code DataBuffer} while libnd4j still reads it: a SIGSEGV in
 * {@code sd::DataBuffer::primary()} or {@code TadDescriptor}, once in some 10⁸ ops, more often under
 * allocation pressure and several training threads (docs/architecture.md, "Native memory safety").
 * Every entry point here calls the stock code and then fences the op (and its context), which holds
 * all its arrays until libnd4j has returned. The computation is the stock one, bit for bit.
 */
public class ReachableOpExecutioner extends NativeOpExecutioner {
    /** ND4J reads its executioner class from this system property (over nd4j-native.properties) when it starts. */
    static final String ND4J_PROPERTY = "opexec";

    /**
     * Makes ND4J use this executioner; call before the first ND4J call of the process (the command
     * line's {@code main} does). Surefire sets the same property for the tests.
     */
    public static void install() {
        if (System.getProperty(ND4J_PROPERTY) == null) System.setProperty(ND4J_PROPERTY, ReachableOpExecutioner.class.getName());
    }

    @Override
    public INDArray exec(Op op) {
        return fenced(() -> super.exec(op), op);
    }

    @Override
    public INDArray exec(Op op, OpContext context) {
        return fenced(() -> super.exec(op, context), op, context);
    }

    @Override
    public INDArray exec(IndexAccumulation op) {
        return fenced(() -> super.exec(op), op);
    }

    @Override
    public INDArray exec(IndexAccumulation op, OpContext context) {
        return fenced(() -> super.exec(op, context), op, context);
    }

    @Override
    public INDArray exec(Variance op) {
        return fenced(() -> super.exec(op), op);
    }

    @Override
    public INDArray exec(ReduceOp op) {
        return fenced(() -> super.exec(op), op);
    }

    @Override
    public INDArray exec(ReduceOp op, OpContext context) {
        return fenced(() -> super.exec(op, context), op, context);
    }

    @Override
    public INDArray exec(ScalarOp op) {
        return fenced(() -> super.exec(op), op);
    }

    @Override
    public INDArray exec(ScalarOp op, OpContext context) {
        return fenced(() -> super.exec(op, context), op, context);
    }

    @Override
    public INDArray exec(BroadcastOp op) {
        return fenced(() -> super.exec(op), op);
    }

    @Override
    public INDArray exec(BroadcastOp op, OpContext context) {
        return fenced(() -> super.exec(op, context), op, context);
    }

    @Override
    public INDArray exec(RandomOp op) {
        return fenced(() -> super.exec(op), op);
    }

    @Override
    public INDArray exec(RandomOp op, Random rng) {
        return fenced(() -> super.exec(op, rng), op, rng);
    }

    @Override
    public INDArray exec(RandomOp op, OpContext context, Random rng) {
        return fenced(() -> super.exec(op, context, rng), op, context, rng);
    }

    @Override
    public INDArray[] exec(CustomOp op) {
        return fenced(() -> super.exec(op), op);
    }

    @Override
    public INDArray[] exec(CustomOp op, OpContext context) {
        return fenced(() -> super.exec(op, context), op, context);
    }

    @Override
    public List<LongShapeDescriptor> calculateOutputShape(CustomOp op) {
        return fenced(() -> super.calculateOutputShape(op), op);
    }

    @Override
    public List<LongShapeDescriptor> calculateOutputShape(CustomOp op, OpContext context) {
        return fenced(() -> super.calculateOutputShape(op, context), op, context);
    }

    @Override
    public <T extends Aggregate> void exec(Batch<T> batch) {
        fenced(() -> { super.exec(batch); return null; }, batch);
    }

    @Override
    public void exec(List<Aggregate> batch) {
        fenced(() -> { super.exec(batch); return null; }, batch);
    }

    @Override
    public void exec(Aggregate op) {
        fenced(() -> { super.exec(op); return null; }, op);
    }

    @Override
    public void scatterUpdate(ScatterUpdate.UpdateOp op, INDArray array, INDArray indices, INDArray updates, int[] axis) {
        fenced(() -> { super.scatterUpdate(op, array, indices, updates, axis); return null; }, array, indices, updates);
    }

    /** Runs the stock call and keeps {@code operands} (and all they reference) reachable until it returns. */
    private static <T> T fenced(Supplier<T> call, Object... operands) {
        try {
            return call.get();
        } finally {
            Reference.reachabilityFence(operands);
        }
    }
}
