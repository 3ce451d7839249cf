package dev.plateau.exec.spark;

import dev.plateau.Messages;
import dev.plateau.InputException;
import dev.plateau.exec.EarlyStopRule;
import dev.plateau.exec.Evaluation;
import dev.plateau.exec.EvaluatorSetup;
import dev.plateau.exec.InstanceEngine;
import dev.plateau.exec.InstanceEvaluator;
import dev.plateau.exec.Outcome;
import dev.plateau.exec.RunControl;
import dev.plateau.space.Instance;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Evaluates each batch on Apache Spark, one task (and one partition) per instance; the driver keeps
 * everything else — the Jenetics engine, racing, the journal, run control and the archive (design §7).
 * Results stream back as tasks finish ({@code SparkContext.submitJob}) and are handed to the study in
 * the driver, which journals them as with the local engine; tasks start longest first.
 *
 * <p>Failures are never retried by Spark ({@code spark.task.maxFailures=1}): an instance's exception is
 * already a failed result inside its task. Only a lost worker fails a job; the instances that had not
 * come back are then submitted once more, and those lost again are recorded as failed with Spark's
 * reason — never lost, never counted twice. A worker that cannot evaluate the study (other code, data it
 * cannot read or that differs from the driver's) stops the run with that problem as a user error, after
 * the results already in are journaled.
 *
 * <p>Run control: the run's deadline travels with each task (no task starts after it; running ones
 * finish); any other stop cancels the job, and instances still running are abandoned (a resume trains
 * them again).
 */
public final class SparkEngine implements InstanceEngine {
    private static final Logger LOG = LogManager.getLogger(SparkEngine.class);
    private static final long POLL_MILLIS = 200;
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)(?:,\\d+)?])?");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[(\\d+), *(\\d+), *(\\d+)]");
    private static final Pattern STANDALONE = Pattern.compile("spark://(.+)");

    private final JavaSparkContext spark;
    private final EvaluatorSetup setup;
    private final InstanceEvaluator evaluator;
    private final int slots;
    private final String master;
    private final DoubleAdder busySeconds = new DoubleAdder();

    private SparkEngine(JavaSparkContext spark, EvaluatorSetup setup, InstanceEvaluator evaluator, int slots, String master) {
        this.spark = spark;
        this.setup = setup;
        this.evaluator = evaluator;
        this.slots = slots;
        this.master = master;
    }

    /**
     * Starts a Spark application for the run ({@link dev.plateau.exec.Engines#open} calls this by name).
     *
     * @param master  the master URL, or null for spark-submit's ({@code spark.master}), else {@code local[workers]}
     */
    public static SparkEngine open(String master, int workers, EvaluatorSetup setup, InstanceEvaluator evaluator) {
        SparkConf conf = new SparkConf();  // with spark-submit's settings (spark.* system properties)
        if (master != null) conf.setMaster(master);
        else if (!conf.contains("spark.master")) conf.setMaster("local[" + workers + "]");
        master = conf.get("spark.master");
        conf.setIfMissing("spark.app.name", "plateau");
        conf.set("spark.task.maxFailures", "1");  // an exception is a failed instance already; retries would only repeat it
        conf.set("spark.executorEnv.OMP_NUM_THREADS", "1");  // OpenMP reads it at process start: one thread per network
        conf.set("spark.executor.extraJavaOptions", (conf.get("spark.executor.extraJavaOptions", "") + " " + executorJavaOptions()).trim());
        if (master.startsWith("local")) conf.setIfMissing("spark.ui.enabled", "false");
        Matcher cluster = LOCAL_CLUSTER.matcher(master);
        if (cluster.matches()) prepareLocalCluster(conf);
        Matcher standalone = STANDALONE.matcher(master);
        if (standalone.matches() && !conf.contains("spark.jars")) conf.set("spark.jars", String.join(",", applicationJars()));
        JavaSparkContext spark;
        try {
            spark = new JavaSparkContext(conf);
        } catch (IllegalAccessError e) {
            throw InputException.ofOption("--engine", "this JVM lacks the --add-opens flags Spark needs on Java 17 (" + e.getMessage() + ")",
                    "run through ./plateau or spark-submit, which set them");
        } catch (RuntimeException e) {
            throw InputException.ofOption("--master", "Spark could not start on " + master + ": " + Messages.firstLine(e.getMessage()),
                    "check the master URL and that the cluster is up");
        }
        int slots = slots(master, spark.sc(), workers);
        LOG.info("Spark engine on {}: {} slots, application {}", master, slots, spark.sc().applicationId());
        return new SparkEngine(spark, setup, evaluator, slots, master);
    }

    @Override
    public List<Evaluation> evaluate(List<Instance> batch, RunControl control, Consumer<Evaluation> onDone, EarlyStopRule earlyStop) {
        Evaluation[] done = new Evaluation[batch.size()];
        boolean[] notStarted = new boolean[batch.size()];
        List<Integer> pending = evaluator.longestFirst(batch);
        String lost = null;
        for (int round = 1; round <= 2 && !pending.isEmpty(); round++) {
            lost = runJob(batch, pending, control, onDone, earlyStop, done, notStarted);
            if (lost == null) break;
            List<Integer> again = new ArrayList<>();
            for (int i : pending) if (done[i] == null && !notStarted[i]) again.add(i);
            pending = again;
            if (!pending.isEmpty()) LOG.warn("{}; {} instances that did not come back are submitted {}", lost, pending.size(),
                    round == 1 ? "once more" : "no more");
        }
        if (lost != null)
            for (int i : pending)
                if (done[i] == null && !notStarted[i]) {
                    done[i] = evaluator.failedElsewhere(batch.get(i), "did not come back from Spark twice: " + lost);
                    control.recordFailure(done[i].result().failure());
                    onDone.accept(done[i]);
                }
        List<Evaluation> results = new ArrayList<>();
        for (Evaluation e : done) if (e != null) results.add(e);
        return results;
    }

    /**
     * One Spark job over the batch positions {@code positions}, in that order. Returns null when it ended
     * (completed, or cancelled by the run's stop), or why it failed (a lost worker).
     */
    private String runJob(List<Instance> batch, List<Integer> positions, RunControl control, Consumer<Evaluation> onDone, EarlyStopRule earlyStop,
                          Evaluation[] done, boolean[] notStarted) {
        long deadline = control.stopped().isPresent() ? 0 : deadlineEpochMillis(control);
        List<InstanceTask> tasks = positions.stream().map(i -> InstanceTask.of(setup, batch.get(i), earlyStop, deadline)).toList();
        JavaRDD<InstanceTask> rdd = spark.parallelize(tasks, tasks.size());  // one partition per instance, in start order
        AtomicReference<InstanceTask.Reply> setupProblem = new AtomicReference<>();
        AtomicReference<Throwable> handlerFailure = new AtomicReference<>();
        ResultHandler handler = (partition, reply) -> {
            int i = positions.get(partition);
            if (reply.setupProblem() != null) {
                setupProblem.compareAndSet(null, reply);
                return;
            }
            if (reply.notStarted()) {
                notStarted[i] = true;
                return;
            }
            Evaluation e = reply.evaluation();
            busySeconds.add(reply.busySeconds());
            done[i] = e;  // Spark's scheduler thread; the job's completion publishes it to the polling thread
            if (e.result().outcome() == Outcome.FAILED) control.recordFailure(e.result().failure());
            try {
                onDone.accept(e);
            } catch (RuntimeException | Error ex) {  // e.g. the journal cannot be written: the run stops with it, as on the local engine
                handlerFailure.compareAndSet(null, ex);
            }
        };
        var job = submit(rdd.rdd(), tasks.size(), handler);
        boolean cancelled = false;
        while (!job.isCompleted()) {
            var stop = control.stopped();
            boolean deadlineOnly = stop.isPresent() && !stop.get().immediate() && System.currentTimeMillis() > deadline;
            if (!cancelled && (setupProblem.get() != null || handlerFailure.get() != null || (stop.isPresent() && !deadlineOnly))) {
                job.cancel();
                cancelled = true;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                control.stopNow("interrupted");
            }
        }
        if (handlerFailure.get() instanceof RuntimeException r) throw r;
        if (handlerFailure.get() instanceof Error r) throw r;
        if (setupProblem.get() != null) {
            InputException p = setupProblem.get().setupProblem();
            throw InputException.at(Path.of(p.source()), p.line(), p.field(), "on a Spark worker (" + setupProblem.get().worker() + "): " + p.problem(), p.fix());
        }
        scala.util.Try<BoxedUnit> ended = job.value().get();
        if (ended.isSuccess() || cancelled) return null;
        return "Spark job failed: " + Messages.firstLine(String.valueOf(ended.failed().get().getMessage()));
    }

    /** The run's deadline as wall-clock time, which every worker can read (Long.MAX_VALUE: none). */
    private static long deadlineEpochMillis(RunControl control) {
        long left = control.nanosLeft();
        return left == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + left / 1_000_000;
    }

    @Override
    public int workers() { return slots; }

    /** What the run prints: the engine and its master. */
    @Override
    public String toString() { return "spark on " + master; }

    @Override
    public double busySeconds() { return busySeconds.sum(); }

    @Override
    public void close() {
        spark.stop();
    }

    /** The driver's handler of one finished task. */
    @FunctionalInterface
    private interface ResultHandler {
        void accept(int partition, InstanceTask.Reply reply);
    }

    private static org.apache.spark.SimpleFutureAction<BoxedUnit> submit(RDD<InstanceTask> rdd, int partitions, ResultHandler handler) {
        List<Object> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) all.add(p);
        return rdd.context().submitJob(rdd, new RunTask(), scala.collection.JavaConverters.asScalaBufferConverter(all).asScala().toSeq(),
                new AbstractFunction2<Object, InstanceTask.Reply, BoxedUnit>() {
                    @Override
                    public BoxedUnit apply(Object partition, InstanceTask.Reply reply) {
                        handler.accept((Integer) partition, reply);
                        return BoxedUnit.UNIT;
                    }
                },
                new AbstractFunction0<BoxedUnit>() {
                    @Override
                    public BoxedUnit apply() { return BoxedUnit.UNIT; }
                });
    }

    /** The task body: the partition's single instance. */
    private static final class RunTask extends AbstractFunction1<Iterator<InstanceTask>, InstanceTask.Reply> implements Serializable {
        @Override
        public InstanceTask.Reply apply(Iterator<InstanceTask> partition) { return partition.next().run(); }
    }

    /** The JVM settings the launcher gives the driver, for the executors. */
    private static String executorJavaOptions() {
        List<String> options = new ArrayList<>(List.of("-Dorg.bytedeco.javacpp.maxPhysicalBytes=0"));
        String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (cache != null) options.add("-Dorg.bytedeco.javacpp.cachedir=" + cache);
        return String.join(" ", options);
    }

    /**
     * local-cluster mode starts executor JVMs from a Spark distribution's layout; with Spark from Maven
     * it needs an (empty) one and the driver's classpath, absolute (handoff-formats.md §4).
     */
    private static void prepareLocalCluster(SparkConf conf) {
        if (System.getenv("SPARK_SCALA_VERSION") == null)
            throw InputException.ofOption("--master", "local-cluster needs SPARK_SCALA_VERSION=2.12 in the environment",
                    "run through ./plateau, which sets it, or export SPARK_SCALA_VERSION=2.12");
        try {
            Path home = Files.createTempDirectory("plateau-spark-home");
            Files.createDirectories(home.resolve("assembly/target/scala-2.12/jars"));
            home.toFile().deleteOnExit();
            System.setProperty("spark.testing", "true");
            System.setProperty("spark.test.home", home.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create the local-cluster Spark home", e);
        }
        conf.setIfMissing("spark.executor.extraClassPath", String.join(java.io.File.pathSeparator, classpath()));
    }

    /** The driver's classpath, absolute. */
    private static List<String> classpath() {
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(s -> !s.isBlank()).map(s -> Path.of(s).toAbsolutePath().toString()).toList();
    }

    /** Plateau's jars on the driver's classpath (not Spark's: the cluster has its own), for spark.jars. */
    private static List<String> applicationJars() {
        Path sparkJars = jarOf(SparkContext.class).getParent();
        return classpath().stream().filter(s -> s.endsWith(".jar") && !Path.of(s).getParent().equals(sparkJars)).toList();
    }

    private static Path jarOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Task slots: local[N] has N, local-cluster[E,C,M] E×C, a cluster its registered cores. */
    private static int slots(String master, SparkContext sc, int workers) {
        Matcher local = LOCAL.matcher(master);
        if (local.matches())
            return local.group(1) == null ? 1 : local.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(local.group(1));
        Matcher cluster = LOCAL_CLUSTER.matcher(master);
        if (cluster.matches()) return Integer.parseInt(cluster.group(1)) * Integer.parseInt(cluster.group(2));
        return sc.defaultParallelism();
    }

}
