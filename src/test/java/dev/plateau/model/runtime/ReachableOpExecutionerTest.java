package dev.plateau.model.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Norm2;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

class ReachableOpExecutionerTest {
    @Test
    void nd4jRunsTheFencedExecutionerInTheTests() {
        assertInstanceOf(ReachableOpExecutioner.class, Nd4j.getExecutioner(), "surefire sets -Dopexec (pom.xml)");
    }

    @Test
    void itComputesWhatTheStockExecutionerComputes() {
        var stock = new NativeOpExecutioner();
        var fenced = Nd4j.getExecutioner();
        INDArray x = Nd4j.rand(DataType.FLOAT, 7, 5).subi(0.5), row = Nd4j.rand(DataType.FLOAT, 1, 5);

        INDArray a = Nd4j.create(DataType.FLOAT, 7, 5), b = Nd4j.create(DataType.FLOAT, 7, 5);
        stock.exec(new BroadcastAddOp(x, row, a, 1));
        fenced.exec(new BroadcastAddOp(x, row, b, 1));
        assertEquals(a, b);
        assertEquals(x.addRowVector(row), b, "the op did add the row");

        assertEquals(stock.exec(new Sum(x, 0)), fenced.exec(new Sum(x, 0)));
        assertEquals(stock.exec(new Norm2(x, 1)), fenced.exec(new Norm2(x, 1)));
        INDArray t1 = x.dup(), t2 = x.dup();
        stock.exec(new Tanh(t1));
        fenced.exec(new Tanh(t2));
        assertEquals(t1, t2);
        assertEquals((float) Math.tanh(x.getFloat(3, 2)), t2.getFloat(3, 2), 1e-6f);
        assertEquals(x.mmul(x.transpose()), stock.exec(new org.nd4j.linalg.api.ops.impl.reduce.Mmul(x, x.transpose()))[0]);
    }
}
