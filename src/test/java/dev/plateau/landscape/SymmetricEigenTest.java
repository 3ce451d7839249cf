package dev.plateau.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SymmetricEigenTest {
    @Test
    void tridiagonalToeplitzSpectrumInDescendingOrder() {
        // eigenvalues of tridiag(1, 2, 1) of size 3: 2 + 2cos(kπ/4), k = 1, 2, 3
        double[] ev = SymmetricEigen.eigenvalues(new double[][] {{2, 1, 0}, {1, 2, 1}, {0, 1, 2}});
        assertArrayEquals(new double[] {2 + Math.sqrt(2), 2, 2 - Math.sqrt(2)}, ev, 1e-12);
    }

    @Test
    void diagonalMatrixGivesItsDiagonalSortedDescending() {
        assertArrayEquals(new double[] {5, 3, 1, -2}, SymmetricEigen.eigenvalues(new double[][] {
                {1, 0, 0, 0}, {0, -2, 0, 0}, {0, 0, 5, 0}, {0, 0, 0, 3}}), 0);
    }

    @Test
    void rankDeficientGramMatrix() {
        // G = AAᵀ for A = [[1, 0], [0, 2], [1, 2]]: its nonzero eigenvalues are those of AᵀA = [[2, 2], [2, 8]],
        // 5 ± √13, and the third is 0
        double[][] g = {{1, 0, 1}, {0, 4, 4}, {1, 4, 5}};
        assertArrayEquals(new double[] {5 + Math.sqrt(13), 5 - Math.sqrt(13), 0}, SymmetricEigen.eigenvalues(g), 1e-12);
        assertArrayEquals(new double[] {1, 0, 1}, g[0], 0, "the input is left as it was");
        // the Gram matrix the weight spectrum uses: the smaller of AᵀA and AAᵀ
        assertArrayEquals(new double[] {5 + Math.sqrt(13), 5 - Math.sqrt(13)},
                SymmetricEigen.eigenvalues(WeightSpectrumProxy.gram(new double[][] {{1, 0}, {0, 2}, {1, 2}})), 1e-12);
    }

    @Test
    void nonFiniteMatrixHasNoSpectrum() {
        double[] ev = SymmetricEigen.eigenvalues(new double[][] {{1, Double.NaN}, {Double.NaN, 3}});
        assertEquals(2, ev.length);
        assertTrue(Double.isNaN(ev[0]) && Double.isNaN(ev[1]));
        assertTrue(Double.isNaN(SymmetricEigen.eigenvalues(new double[][] {{Double.POSITIVE_INFINITY}})[0]));
    }
}
