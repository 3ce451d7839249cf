package dev.plateau.exec;

import dev.plateau.InputException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.regex.Pattern;

/**
 * Opens the engine a run asked for: the local thread pool, or Apache Spark. The Spark engine lives in
 * {@code dev.plateau.exec.spark}, compiled only in builds with Spark (Maven profile {@code spark}) and
 * run only with Spark's jars on the classpath, so it is reached by name: a build without it still runs
 * every local study.
 */
public final class Engines {
    public static final String LOCAL = "local", SPARK = "spark";
    private static final String SPARK_ENGINE = "dev.plateau.exec.spark.SparkEngine";
    /** The master URLs Spark accepts, in the forms Plateau passes on. */
    private static final Pattern MASTER = Pattern.compile(
            "local|local\\[(\\d+|\\*)(,\\d+)?]|local-cluster\\[\\d+, *\\d+, *\\d+]|spark://[^/:,\\s]+:\\d+(,[^/:,\\s]+:\\d+)*|yarn|k8s://\\S+");

    private static final String NO_SPARK = "build Plateau with Spark: ./plateau does so on the first --engine spark run (mvn -Pspark package, "
            + "Spark's jars in target/spark-lib); under spark-submit, submit target/plateau.jar with --jars target/lib/*.jar";

    private Engines() {}

    /**
     * An engine choice: {@code engine} is {@code local} or {@code spark}; {@code master} is the Spark master
     * URL, or null for spark-submit's ({@code spark.master}) and otherwise {@code local[workers]}.
     */
    public record Choice(String engine, String master) {
        /** Checks the choice before anything is computed or written. */
        public Choice {
            if (!engine.equals(LOCAL) && !engine.equals(SPARK))
                throw InputException.ofOption("--engine", "must be local or spark, got '" + engine + "'", "use --engine local (one machine) or --engine spark");
            if (master != null && engine.equals(LOCAL))
                throw InputException.ofOption("--master", "is a Spark master URL, but the engine is local", "add --engine spark, or drop --master");
            if (master != null && !MASTER.matcher(master).matches())
                throw InputException.ofOption("--master", "'" + master + "' is not a Spark master URL",
                        "use local[N], local-cluster[EXECUTORS,CORES,MB], spark://HOST:PORT, yarn or k8s://URL");
        }
    }

    /**
     * What can be checked of a choice before a run starts, so a mistake leaves nothing behind: that this
     * build has the Spark engine, and that a standalone master answers (at once, not after Spark's minute
     * of retries).
     */
    public static void check(Choice choice) {
        if (choice.engine().equals(LOCAL)) return;
        try {
            Class.forName(SPARK_ENGINE, false, Engines.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw InputException.ofOption("--engine", "this Plateau build has no Spark engine", NO_SPARK);
        }
        if (choice.master() != null && choice.master().startsWith("spark://")) requireReachable(choice.master().substring("spark://".length()));
    }

    private static void requireReachable(String hostsAndPorts) {
        for (String hostPort : hostsAndPorts.split(",")) {
            int colon = hostPort.lastIndexOf(':');
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))), 5000);
                return;
            } catch (IOException | IllegalArgumentException e) {
                // try the next master of a high-availability list
            }
        }
        throw InputException.ofOption("--master", "no Spark master answers at spark://" + hostsAndPorts,
                "check the host and port (the master's web UI shows its URL), and that this machine can reach it");
    }

    /**
     * Opens the chosen engine, with {@code setup}'s evaluator on the {@code data} this JVM prepared from
     * {@code space} (the local engine's, and every engine's ordering of a batch).
     *
     * @param setup   how instances are evaluated, also for engines that evaluate elsewhere
     * @param workers the local engine's threads; Spark's {@code local[N]} when no master is given
     */
    public static InstanceEngine open(Choice choice, EvaluatorSetup setup, dev.plateau.space.SearchSpace space, dev.plateau.data.PreparedData data,
                                      int workers, CrashIsolation isolation) {
        InstanceEvaluator evaluator = setup.evaluator(space, data);
        if (choice.engine().equals(LOCAL)) return new LocalEngine(evaluator, workers, isolation);
        try {
            Class<?> engine = Class.forName(SPARK_ENGINE);
            return (InstanceEngine) engine.getMethod("open", String.class, int.class, EvaluatorSetup.class, InstanceEvaluator.class)
                    .invoke(null, choice.master(), workers, setup, evaluator);
        } catch (ClassNotFoundException e) {
            throw InputException.ofOption("--engine", "this Plateau build has no Spark engine", NO_SPARK);
        } catch (NoClassDefFoundError e) {
            throw InputException.ofOption("--engine", "Spark's jars are not on the classpath (" + e.getMessage() + " is missing)", NO_SPARK);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof NoClassDefFoundError missing)
                throw InputException.ofOption("--engine", "Spark's jars are not on the classpath (" + missing.getMessage() + " is missing)", NO_SPARK);
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException("the Spark engine failed to open", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(SPARK_ENGINE + " does not have the expected open method", e);
        }
    }
}
