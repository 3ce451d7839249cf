package dev.plateau.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ParetoTest {
    @Test
    void dominanceIsStrictInOneObjective() {
        assertTrue(Dominance.dominates(new double[] {1, 2}, new double[] {1, 3}));
        assertFalse(Dominance.dominates(new double[] {1, 2}, new double[] {1, 2}));
        assertFalse(Dominance.dominates(new double[] {1, 4}, new double[] {2, 3}));
    }

    @Test
    void exactFrontOfAKnownSet() {
        List<double[]> pts = List.of(new double[] {1, 5}, new double[] {2, 3}, new double[] {3, 3}, new double[] {4, 1},
                new double[] {2, 4}, new double[] {5, 5}, new double[] {2, 3});
        assertEquals(List.of(0, 1, 3, 6), Dominance.nonDominated(pts));
    }

    @Test
    void frontOfRandomPointsAgreesWithItsDefinition() {
        SplittableRandom rng = new SplittableRandom(1);
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < 300; i++) pts.add(new double[] {rng.nextInt(20), rng.nextInt(20), rng.nextInt(20)});
        List<Integer> front = Dominance.nonDominated(pts);
        for (int i = 0; i < pts.size(); i++) {
            boolean dominated = false;
            for (double[] q : pts) dominated |= Dominance.dominates(q, pts.get(i));
            assertEquals(!dominated, front.contains(i), "point " + i);
        }
    }
}
