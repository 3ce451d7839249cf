package dev.plateau.store;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Where a study's results came from (Tribuo's idea): Plateau version and git commit, JVM, OS, thread
 * settings, library versions, start time and seeds. Written as {@code provenance.json}, and embedded in
 * every model card.
 */
public record Provenance(
        String plateauVersion,
        String gitCommit,
        String java,
        String os,
        int processors,
        String ompNumThreads,
        Map<String, String> libraries,
        String startedAt,
        long studySeed,
        int workers,
        List<String> commandLine) {

    /** Libraries whose versions matter for reproducing a result, each named by a class it ships. */
    private static final Map<String, Class<?>> LIBRARIES = libraryAnchors();

    private static Map<String, Class<?>> libraryAnchors() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("deeplearning4j-nn", org.deeplearning4j.nn.multilayer.MultiLayerNetwork.class);
        m.put("nd4j-native", org.nd4j.linalg.cpu.nativecpu.NDArray.class);
        m.put("nd4j-api", org.nd4j.linalg.factory.Nd4j.class);
        m.put("jenetics", io.jenetics.Genotype.class);
        m.put("jackson-databind", com.fasterxml.jackson.databind.ObjectMapper.class);
        m.put("commons-csv", org.apache.commons.csv.CSVFormat.class);
        m.put("picocli", picocli.CommandLine.class);
        return m;
    }

    public static Provenance capture(long studySeed, int workers, List<String> commandLine) {
        Map<String, String> libs = new LinkedHashMap<>();
        LIBRARIES.forEach((name, anchor) -> libs.put(name, jarVersion(anchor)));
        return new Provenance(currentVersion(), currentGitCommit(), System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), String.valueOf(System.getenv("OMP_NUM_THREADS")), libs,
                Instant.now().toString(), studySeed, workers, List.copyOf(commandLine));
    }

    public static String currentVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    /**
     * The version in the name of the jar that holds {@code anchor} ({@code jenetics-7.2.0.jar}); the
     * jars' own pom.properties are unreliable here because ND4J ships shaded copies of other libraries'.
     */
    private static String jarVersion(Class<?> anchor) {
        try {
            var source = anchor.getProtectionDomain().getCodeSource();
            if (source == null) return "unknown";
            String file = Path.of(source.getLocation().toURI()).getFileName().toString();
            var m = Pattern.compile("-(\\d[^-]*(?:-M\\d+(?:\\.\\d+)?)?)(?:-[a-z].*)?\\.jar$").matcher(file);
            return m.find() ? m.group(1) : "unknown";
        } catch (URISyntaxException | SecurityException e) {
            return "unknown";
        }
    }

    /** The commit of the Plateau checkout the JVM runs from, when it is a git checkout. */
    private static String currentGitCommit() {
        try {
            Path home = Path.of(System.getProperty("plateau.home", ".")).toAbsolutePath();
            Process p = new ProcessBuilder("git", "-C", home.toString(), "rev-parse", "HEAD").redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown";
            }
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
