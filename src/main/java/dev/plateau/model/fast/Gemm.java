package dev.plateau.model.fast;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * C = op(A)·op(B) on contiguous row-major arrays through ND4J's own OpenBLAS, called directly: the
 * ND4J matmul op adds descriptor building and dispatch to every call, and reached 45–48 GFLOP/s where
 * the direct call reaches 48–52 on the conv shapes (conv-speed.md §2).
 */
final class Gemm {
    private Gemm() {}

    /** c[m][n] = op(a)·op(b), op(a) m×k and op(b) k×n; all three contiguous C-order of one floating type. */
    static void multiply(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c, int m, int n, int k) {
        int lda = transA ? m : k, ldb = transB ? k : n;
        long pa = OffHeap.address(a), pb = OffHeap.address(b), pc = OffHeap.address(c);
        if (c.dataType() == DataType.FLOAT) rowMajor(transA, transB, m, n, k, pa, lda, pb, ldb, pc, n, 0f);
        else cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n, k, 1,
                new DoublePointer(pointer(pa)), lda, new DoublePointer(pointer(pb)), ldb, 0, new DoublePointer(pointer(pc)), n);
        OffHeap.keep(a, b, c);
    }

    /**
     * Float C[m][n] = op(A)·op(B) + beta·C on raw addresses with explicit leading dimensions
     * (sub-matrices of bigger ones).
     */
    static void rowMajor(boolean transA, boolean transB, int m, int n, int k, long a, int lda, long b, long ldb, long c, int ldc, float beta) {
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n, k, 1f,
                new FloatPointer(pointer(a)), lda, new FloatPointer(pointer(b)), (int) ldb, beta, new FloatPointer(pointer(c)), ldc);
    }

    /** A pointer at a raw address (inside the anonymous class, "address" would name Pointer's own field). */
    private static org.bytedeco.javacpp.Pointer pointer(long memory) {
        return new org.bytedeco.javacpp.Pointer() { { address = memory; } };
    }
}
