package dev.plateau.data;

import dev.plateau.space.CaloTarget;
import dev.plateau.space.CaloVariant;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The data one instance sees: a training subsample drawn with its sample seed, and the energy input. */
class InstanceDataTest {
    static final PreparedData DATA = PreparedData.split(new CaloShowerGenerator(CaloDetector.shashlik())
            .generate(CaloVariant.A, 500, 4).toDataset(CaloTarget.ENERGY), 0.2, 0.2, 3, TaskMetric.RELATIVE_RMSE);

    @Test
    void aSubsampleHasItsSizeDependsOnlyOnTheSampleSeedAndKeepsValidation() {
        PreparedData a = DATA.forInstance(100, false, 77), b = DATA.forInstance(100, false, 77), c = DATA.forInstance(100, false, 78);
        assertEquals(100, a.train().rows());
        assertArrayEquals(a.train().features(), b.train().features());
        assertNotEquals(Arrays.hashCode(a.train().features()), Arrays.hashCode(c.train().features()), "another seed, another sample");
        assertSame(DATA.validation(), a.validation(), "validation rows are the study's");
        assertSame(DATA, DATA.forInstance(0, false, 77), "0 keeps the whole training split");
        assertEquals(DATA.train().rows(), DATA.forInstance(DATA.train().rows(), false, 1).train().rows());
        assertThrows(IllegalArgumentException.class, () -> DATA.forInstance(DATA.train().rows() + 1, false, 1));
    }

    @Test
    void theEnergyInputIsTheLogOfTheSummedCellsAppendedToEveryPart() {
        PreparedData e = DATA.forInstance(0, true, 1);
        for (Dataset d : new Dataset[] {e.train(), e.validation(), e.test()}) {
            assertEquals(226, d.featureCount());
            assertEquals(Dataset.TOTAL_ENERGY, d.featureNames().get(225));
        }
        Dataset v = DATA.validation(), ev = e.validation();
        for (int r = 0; r < v.rows(); r++) {
            double sum = 0;
            for (int j = 0; j < 225; j++) {
                sum += v.feature(r, j);
                assertEquals(v.feature(r, j), ev.feature(r, j));
            }
            assertEquals(Math.log(Math.max(sum, Dataset.ENERGY_FLOOR)), ev.feature(r, 225), 1e-5 * Math.max(1, Math.abs(Math.log(sum))));
        }
        assertArrayEquals(v.targets(), ev.targets());
        assertEquals(226, DATA.inputSchema(true).networkRows(DATA.validation()).featureCount());
        assertSame(DATA.validation(), DATA.inputSchema(false).networkRows(DATA.validation()), "a plain network reads the data as it is");
    }
}
