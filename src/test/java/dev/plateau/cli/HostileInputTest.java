package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files someone else made, crafted to hurt: model zips that would write outside their folder, inflate
 * to gigabytes, name classes to instantiate or declare arrays of 10¹² elements; a YAML alias bomb and
 * an oversized search space; CSV files with an absurd header or a line of megabytes; data paths that
 * are folders or devices; output folders that hold other files or links. Each is refused with exit
 * code 2 and one line naming what is wrong, in bounded time, and writes nothing. The files are made
 * here, from a real model a tiny search saves; none is committed.
 */
class HostileInputTest {
    static final String TINY = """
            study: {name: hostile, seed: 3}
            dataset:
              csv: {path: %s, targets: [PE]}
            architecture: {families: [mlp], dense_layers: {min: 1, max: 1}, dense_widths: [4]}
            training: {learning_rates: [0.01], batch_sizes: [64], epochs: [1]}
            search: {population: 2, generations: 2}
            """;
    static final Path POWER_PLANT = Path.of("../shared/datasets/uci-ccpp-power-plant/uci-ccpp-power-plant.csv").toAbsolutePath();

    @TempDir
    static Path dir;
    static Map<String, byte[]> model;  // the entries of a real deployed model
    static Path space;

    @BeforeAll
    static void aRealModel() throws Exception {
        space = dir.resolve("tiny.yaml");
        Files.writeString(space, TINY.formatted(POWER_PLANT));
        CliRun r = CliRun.of("search", space.toString(), "--out", dir.resolve("study").toString(), "--max-restarts", "0");
        assertEquals(0, r.code(), r.output());
        try (var zips = Files.list(dir.resolve("study/models"))) {
            Path zip = zips.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
            model = entries(Files.readAllBytes(zip));
        }
    }

    /** Runs plateau in a fresh folder; asserts exit 2, one line containing {@code expected}, no stack trace, nothing written, under 10 s. */
    static void refused(String expected, String... args) throws Exception {
        Path work = Files.createTempDirectory(dir, "case");
        List<Path> before;
        try (var files = Files.walk(dir)) {
            before = files.toList();
        }
        StringWriter out = new StringWriter(), err = new StringWriter();
        long t0 = System.nanoTime();
        int code = PlateauCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        double seconds = (System.nanoTime() - t0) / 1e9;
        String line = err.toString().trim();
        assertEquals(2, code, line + out);
        assertEquals(1, line.lines().count(), "one line: " + line);
        assertTrue(line.contains(expected), line);
        assertFalse(line.contains("Exception") || line.contains("\tat "), "no stack trace: " + line);
        assertTrue(seconds < 10, "refused in " + seconds + " s");
        try (var files = Files.walk(dir)) {
            assertEquals(before, files.toList(), "nothing written");
        }
        assertFalse(Files.exists(dir.getParent().resolve("escaped.txt")) || Files.exists(work.resolve("escaped.txt")), "no file outside");
    }

    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) out.put(e.getName(), in.readAllBytes());
        }
        return out;
    }

    static Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path file = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return file;
    }

    static Path modelWith(String name, UnaryOperator<Map<String, byte[]>> change) throws IOException {
        return zip(name, change.apply(new LinkedHashMap<>(model)));
    }

    static void landscapeRefuses(Path zip, String expected) throws Exception {
        refused(expected, "landscape", zip.toString(), "--data", space.toString(), "--out", dir.resolve("never").toString());
    }

    @Test
    void aZipEntryThatClimbsOutOfTheFolderIsRefused() throws Exception {
        landscapeRefuses(modelWith("slip.zip", m -> {
            m.put("../escaped.txt", "owned".getBytes(StandardCharsets.UTF_8));
            return m;
        }), "unexpected entry '../escaped.txt'");
        landscapeRefuses(modelWith("absolute.zip", m -> {
            m.put("/tmp/escaped.txt", new byte[1]);
            return m;
        }), "unexpected entry '/tmp/escaped.txt'");
    }

    @Test
    void aZipBombIsStoppedWhileInflating() throws Exception {
        landscapeRefuses(modelWith("bomb.zip", m -> {
            m.put("coefficients.bin", new byte[(64 << 20) + 1]);  // deflates to ~64 kB
            return m;
        }), "entry 'coefficients.bin' inflates to more than 67108864 bytes");
    }

    @Test
    void aClassTheModelNeverUsesIsNeverInstantiated() throws Exception {
        for (String gadget : List.of("java.lang.ProcessBuilder", "org.apache.commons.collections.functors.InvokerTransformer",
                "dev.plateau.model.fast.FastDense"))
            landscapeRefuses(modelWith("class.zip", m -> {
                String json = new String(m.get("configuration.json"), StandardCharsets.UTF_8)
                        .replaceFirst("org\\.nd4j\\.linalg\\.learning\\.config\\.Adam", gadget);
                m.put("configuration.json", json.getBytes(StandardCharsets.UTF_8));
                return m;
            }), "configuration.json names class " + gadget);
    }

    @Test
    void anArrayShapeOfATrillionElementsIsRefusedBeforeAllocation() throws Exception {
        for (long[] shape : List.of(new long[] {1_000_000_000_000L}, new long[] {1_000_000, 1_000_000}))
            landscapeRefuses(modelWith("shape.zip", m -> {
                m.put("coefficients.bin", header(shape));
                return m;
            }), "coefficients.bin declares");
    }

    /** ND4J's array header (shape information, then the data header) for {@code shape}, with no data behind it. */
    static byte[] header(long[] shape) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            long elements = 1;
            for (long d : shape) elements *= d;
            out.writeUTF("MIXED_DATA_TYPES");
            out.writeLong(2L * shape.length + 4);
            out.writeUTF("LONG");
            out.writeLong(shape.length);
            for (long d : shape) out.writeLong(d);
            for (int i = 0; i < shape.length; i++) out.writeLong(1);
            out.writeLong(8192);
            out.writeLong(1);
            out.writeLong('c');
            out.writeUTF("MIXED_DATA_TYPES");
            out.writeLong(elements);
            out.writeUTF("FLOAT");
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void tooManyEntriesOrTooLargeAFileAreRefusedUnread() throws Exception {
        landscapeRefuses(modelWith("many.zip", m -> {
            for (int i = 0; i < 9; i++) m.put("configuration.json" + i, new byte[0]);
            return m;
        }), "unexpected entry");
        Path huge = dir.resolve("huge.zip");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength((64L << 20) + 1);  // sparse: no disk is used
        }
        landscapeRefuses(huge, "more than a model zip may have");
    }

    @Test
    void aYamlAliasBombAndAnOversizedSpaceAreRefusedQuickly() throws Exception {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++)
            bomb.append(c).append(": &").append(c).append(" [*").append((char) (c - 1)).append(", *").append((char) (c - 1))
                    .append(", *").append((char) (c - 1)).append(", *").append((char) (c - 1)).append(", *").append((char) (c - 1)).append("]\n");
        Path laughs = dir.resolve("laughs.yaml");
        Files.writeString(laughs, bomb);
        refused("laughs.yaml:2: YAML aliases (*a) are not supported", "search", laughs.toString(), "--out", dir.resolve("never").toString(), "--max-restarts", "0");
        Path big = dir.resolve("big.yaml");
        try (Writer w = Files.newBufferedWriter(big)) {
            for (int i = 0; i < 40_000; i++) w.write("# a comment line that makes this file larger than a search space may be\n");
        }
        refused("more than a search space may have", "search", big.toString(), "--out", dir.resolve("never").toString(), "--max-restarts", "0");
    }

    @Test
    void absurdCsvFilesAreRefusedBeforeTheyFillMemory() throws Exception {
        Path wide = dir.resolve("wide.csv");
        try (Writer w = Files.newBufferedWriter(wide)) {
            for (int i = 0; i < 200_000; i++) w.write("c" + i + ",");
            w.write("PE\n1,2\n");
        }
        refused("the header has 200001 columns", "search", space(wide).toString(), "--out", dir.resolve("never").toString(), "--max-restarts", "0");
        Path longLine = dir.resolve("long.csv");
        try (Writer w = Files.newBufferedWriter(longLine)) {
            w.write("AT,PE\n1,");
            for (int i = 0; i < (5 << 20) / 8; i++) w.write("11111111");
            w.write("\n");
        }
        refused("long.csv:2: the line is longer than", "search", space(longLine).toString(), "--out", dir.resolve("never").toString(),
                "--max-restarts", "0");
    }

    @Test
    void aDataPathThatIsAFolderOrADeviceIsRefused() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("data-folder.csv"));
        refused("is not a regular file", "search", space(folder).toString(), "--out", dir.resolve("never").toString(), "--max-restarts", "0");
        refused("is not a regular file", "search", space(Path.of("/dev/zero")).toString(), "--out", dir.resolve("never").toString(),
                "--max-restarts", "0");
    }

    @Test
    void anOutputFolderThatHoldsOtherFilesOrLinksIsRefused() throws Exception {
        Path used = Files.createDirectories(dir.resolve("used"));
        Files.writeString(used.resolve("notes.txt"), "mine");
        refused("folder " + used + " is not empty", "search", space.toString(), "--out", used.toString(), "--max-restarts", "0");
        refused("folder " + used + " is not empty", "landscape", zip("valid.zip", model).toString(), "--data", space.toString(),
                "--out", used.toString());
        Path study = dir.resolve("linked-study");
        try (var files = Files.walk(dir.resolve("study"))) {
            for (Path p : files.toList()) {
                Path to = study.resolve(dir.resolve("study").relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
        Files.delete(study.resolve("candidates.csv"));
        Files.createSymbolicLink(study.resolve("candidates.csv"), dir.resolve("outside.csv"));
        refused("a symbolic link inside the study folder", "resume", study.toString(), "--max-restarts", "0");
    }

    /** A copy of the tiny space reading {@code data}. */
    static Path space(Path data) throws IOException {
        Path file = Files.createTempFile(dir, "space", ".yaml");
        Files.writeString(file, TINY.formatted(data.toAbsolutePath()));
        return file;
    }
}
