package dev.plateau;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A single-file Java program run in a child JVM whose class path holds only DL4J's jars (and what they
 * need): Plateau's classes and its other libraries — Jackson, picocli, Jenetics, Tribuo, protobuf, Log4j,
 * the test libraries — are left out. It stands for a user who has DL4J and no Plateau.
 */
public final class PlainDl4jProgram {
    private static final List<String> NOT_DL4J = List.of("/io/jenetics/", "/info/picocli/", "/me/tongfei/", "/commons-csv/", "/com/fasterxml/",
            "/org/tribuo/", "/com/google/protobuf/", "/com/microsoft/onnxruntime/", "/org/junit/", "/org/opentest4j/", "/org/apiguardian/",
            "/org/apache/logging/", "/org/yaml/", "/org/jline/", "/org/webjars/");

    private PlainDl4jProgram() {}

    /** The test class path's dependency jars that a DL4J program needs. */
    public static String classPath() {
        return String.join(File.pathSeparator, Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar") && NOT_DL4J.stream().noneMatch(e.replace('\\', '/')::contains)).toList());
    }

    /** Runs {@code source} with {@code args}; returns what it printed, and fails the test unless it exits 0. */
    public static String run(Path source, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath(),
                "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0"));
        if (System.getProperty("org.bytedeco.javacpp.cachedir") != null)
            command.add("-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir"));
        command.add(source.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), printed);
        return printed;
    }
}
