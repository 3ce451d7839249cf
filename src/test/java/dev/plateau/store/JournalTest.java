package dev.plateau.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.InputException;
import dev.plateau.exec.InstanceResult;
import dev.plateau.landscape.ProxyValue;
import dev.plateau.model.Resources;
import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.ConvLayerSpec;
import dev.plateau.space.Family;
import dev.plateau.space.Instance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    static final Instance CNN = Instance.of(7, new CandidateSpec(Family.CNN, List.of(new ConvLayerSpec(8, 3)), List.of(16, 4),
            Activation.LEAKY_RELU, 0.003, 64, 12), 2);
    static final InstanceResult OK = new InstanceResult(CNN, null, "relative_rmse", 0.1 / 3, 0.0123456789012345678, 0.07,
            1e-300, Double.MIN_VALUE, Map.of("noise_curvature", new ProxyValue("noise_curvature", 3.4e-5, 8704, 0, 0.25)),
            new Resources(5233, 19344), 12, 3.1, 0.25, 3.5);
    static final InstanceResult FAILED = new InstanceResult(Instance.of(7, CNN.spec(), 3), "diverged: loss NaN in epoch 2",
            "relative_rmse", Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Map.of(), new Resources(5233, 19344),
            1, 0.5, 0, 0.6);

    @Test
    void resultsReadBackExactly(@TempDir Path dir) throws Exception {
        Journal j = Journal.open(dir.resolve("journal.jsonl"));
        j.append(1, OK);
        j.append(2, FAILED);
        Journal again = Journal.open(dir.resolve("journal.jsonl"));
        assertEquals(List.of(Journal.Entry.now(1, OK), Journal.Entry.now(2, FAILED)), again.entries());
        assertEquals(0, again.repairedBytes());
        assertEquals(List.of(CNN.key(), FAILED.instance().key()), List.copyOf(again.byInstance().keySet()));
    }

    @Test
    void aTornLastLineIsCutOff(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("journal.jsonl");
        Journal j = Journal.open(file);
        j.append(1, OK);
        j.append(1, FAILED);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 40));
        Journal repaired = Journal.open(file);
        assertEquals(List.of(Journal.Entry.now(1, OK)), repaired.entries());
        assertTrue(repaired.repairedBytes() > 0);
        assertTrue(Files.readString(file).endsWith("}\n"), "the file itself is repaired");
        repaired.append(1, FAILED);
        assertEquals(2, Journal.open(file).entries().size());
    }

    @Test
    void aCorruptLineInTheMiddleIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("journal.jsonl");
        Journal j = Journal.open(file);
        j.append(1, OK);
        j.append(1, FAILED);
        List<String> lines = Files.readAllLines(file);
        Files.write(file, List.of(lines.get(0), "{\"generation\": oops}", lines.get(1)));
        InputException e = assertThrows(InputException.class, () -> Journal.open(file));
        assertEquals(2, e.line());
        assertTrue(e.fix().contains("delete that line"), e.oneLine());
    }
}
