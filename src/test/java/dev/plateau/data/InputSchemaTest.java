package dev.plateau.data;

import dev.plateau.space.CaloTarget;
import dev.plateau.space.CaloVariant;
import dev.plateau.space.Task;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema turns raw rows into exactly the rows a network was trained on; the domain turns outputs back into units. */
class InputSchemaTest {
    static final double VALIDATION = 0.25;
    static final long SEED = 9;

    /** The raw rows of a split's validation part, in its order. */
    static double[][] rawValidation(Dataset raw, PreparedData data) {
        int[] order = PreparedData.permutation(raw.rows(), SEED);
        double[][] rows = new double[data.validation().rows()][raw.featureCount()];
        for (int i = 0; i < rows.length; i++)
            for (int j = 0; j < raw.featureCount(); j++) rows[i][j] = raw.feature(order[i], j);
        return rows;
    }

    @Test
    void rawCellsBecomeTheStandardisedRowsWithTheTotalEnergy() {
        Dataset raw = new CaloShowerGenerator(CaloDetector.shashlik()).generate(CaloVariant.A, 400, 2).toDataset(CaloTarget.ENERGY);
        PreparedData data = PreparedData.split(raw, VALIDATION, 0, SEED, TaskMetric.RELATIVE_RMSE);
        double[][] rows = rawValidation(raw, data);
        assertArrayEquals(data.validation().features(), data.inputSchema(false).networkRows(rows));
        assertArrayEquals(data.forInstance(0, true, 1).validation().features(), data.inputSchema(true).networkRows(rows),
                "the schema computes the total energy from the cells as training did");
        assertEquals(226, data.inputSchema(true).networkWidth());
        assertThrows(IllegalArgumentException.class, () -> data.inputSchema(true).networkRows(new double[][] {{1, 2}}));

        OutputDomain domain = data.outputDomain();
        assertEquals(List.of("GeV"), domain.units());
        double[] standardised = {0.3, -1.2};
        double[] expected = standardised.clone();
        for (int i = 0; i < 2; i++) expected[i] = Math.exp(expected[i] * data.targetScale()[0] + data.targetMean()[0]);
        assertArrayEquals(expected, domain.toOriginalUnits(standardised.clone()), "ln E learnt: back to GeV");
        assertArrayEquals(expected, data.toOriginalUnits(standardised.clone()));
    }

    @Test
    void aTableIsStandardisedPerColumnAndKeepsItsNames() {
        Dataset raw = new CsvDatasetReader(Path.of("../shared/datasets/uci-energy-efficiency/uci-energy-efficiency.csv"), List.of(),
                List.of("Y1_heating_load"), Task.REGRESSION, false).read();
        PreparedData data = PreparedData.split(raw, VALIDATION, 0, SEED, TaskMetric.RMSE);
        InputSchema schema = data.inputSchema(false);
        assertEquals(raw.featureNames(), schema.features());
        assertNull(schema.image());
        assertArrayEquals(data.validation().features(), schema.networkRows(rawValidation(raw, data)));
        assertNull(data.outputDomain().units(), "a CSV target's unit is not known");
        assertThrows(IllegalArgumentException.class, () -> data.inputSchema(true), "no total energy without an image");
    }
}
