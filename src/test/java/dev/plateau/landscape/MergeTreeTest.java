package dev.plateau.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The test vectors of research/method-details.md §2.6. */
class MergeTreeTest {
    @Test
    void path() {
        double[] f = {3, 1, 4, 0, 5, 2, 6};
        MergeTree.Summary s = MergeTree.of(f, v -> v == 0 ? new int[] {1} : v == f.length - 1 ? new int[] {v - 1} : new int[] {v - 1, v + 1});
        assertEquals(3, s.minima());
        assertEquals(List.of(new MergeTree.Pair(1, 4), new MergeTree.Pair(2, 5)), s.pairs());
        assertEquals(10.0 / 3, s.smad(), 1e-12);
        assertEquals(3.0, s.meanPersistence(), 1e-12);
    }

    @Test
    void grid4x5() {
        MergeTree.Summary s = MergeTree.ofGrid(new double[][] {{5, 4, 5, 6, 5}, {4, 1, 4, 2, 4}, {5, 4, 5, 4, 5}, {6, 3, 7, 0, 6}});
        assertEquals(4, s.minima());
        assertEquals(3, s.saddleVertices());
        assertEquals(List.of(2.0, 3.0, 1.0), s.pairs().stream().map(MergeTree.Pair::birth).toList());
        s.pairs().forEach(p -> assertEquals(4.0, p.death()));
        assertEquals(2.5, s.smad(), 1e-12);
        assertEquals(2.0, s.meanPersistence(), 1e-12);
    }

    @Test
    void twoByTwoWithFourNeighbours() {
        MergeTree.Summary s = MergeTree.ofGrid(new double[][] {{0, 5}, {5, 1}});
        assertEquals(2, s.minima());
        assertEquals(List.of(new MergeTree.Pair(1, 5)), s.pairs());
        assertEquals(4.5, s.smad(), 1e-12);
    }

    @Test
    void aBowlHasOneBasin() {
        double[][] g = new double[21][21];
        for (int i = 0; i < 21; i++) for (int j = 0; j < 21; j++) g[i][j] = (i - 10) * (i - 10) + 2 * (j - 7) * (j - 7);
        MergeTree.Summary s = MergeTree.ofGrid(g);
        assertEquals(1, s.minima());
        assertEquals(0.0, s.smad());
    }
}
