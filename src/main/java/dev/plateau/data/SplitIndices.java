package dev.plateau.data;

import java.util.Arrays;

/**
 * Which rows of a table are validation, test and training rows: one seeded permutation cut in three
 * (validation first, then test, the rest training). {@link PreparedData#split} and the data check both
 * take their rows from here, so the check judges exactly the split a search trains on.
 */
public record SplitIndices(int[] validation, int[] test, int[] train) {

    /**
     * @throws IllegalArgumentException when fewer than 2 training rows or no validation row would remain
     */
    public static SplitIndices of(int rows, double validationFraction, double testFraction, long splitSeed) {
        int nVal = (int) Math.round(rows * validationFraction), nTest = (int) Math.round(rows * testFraction);
        int nTrain = rows - nVal - nTest;
        if (nTrain < 2 || nVal < 1)
            throw new IllegalArgumentException("dataset of " + rows + " rows is too small for this split");
        int[] order = PreparedData.permutation(rows, splitSeed);
        return new SplitIndices(Arrays.copyOfRange(order, 0, nVal), Arrays.copyOfRange(order, nVal, nVal + nTest),
                Arrays.copyOfRange(order, nVal + nTest, rows));
    }
}
