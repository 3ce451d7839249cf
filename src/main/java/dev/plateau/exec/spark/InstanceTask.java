package dev.plateau.exec.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.plateau.InputException;
import dev.plateau.exec.EarlyStopRule;
import dev.plateau.exec.Evaluation;
import dev.plateau.exec.EvaluatorSetup;
import dev.plateau.exec.InstanceEvaluator;
import dev.plateau.exec.InstanceResult;
import dev.plateau.space.Instance;
import java.io.Serializable;

/**
 * One instance as a Spark task: what the driver sends (small: the instance as JSON, the evaluation setup,
 * the generation's early-stopping rule and the run's deadline) and what comes back. On the worker the
 * setup's evaluator is built once per JVM and kept; the instance is evaluated exactly as the local
 * engine does. A task never throws: an instance's own failure is a failed result (as everywhere), and a
 * worker that cannot evaluate this study (other code, data it cannot read or that differs) answers with
 * that problem, which the driver reports and stops on.
 */
record InstanceTask(EvaluatorSetup setup, String instanceJson, EarlyStopRule earlyStop, long deadlineEpochMillis) implements Serializable {

    /** What a task returns: a result, a setup problem, or that the run's deadline had passed before it could start. */
    record Reply(String resultJson, byte[] model, InputException setupProblem, String worker, double busySeconds) implements Serializable {
        boolean notStarted() { return resultJson == null && setupProblem == null; }

        Evaluation evaluation() {
            try {
                return new Evaluation(InstanceResult.JSON.readValue(resultJson, InstanceResult.class), model);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a worker's result does not read back", e);
            }
        }
    }

    /**
     * The evaluator (or the problem) of the setup last seen, built once per worker JVM — under local[N] too,
     * where the driver's JVM is the worker: it prepares the study's data a second time (once) and checks it
     * like any worker. One slot: an executor serves one application, and one application one study.
     */
    private static EvaluatorSetup cachedSetup;
    private static Object cachedEvaluator;

    private static synchronized Object evaluatorFor(EvaluatorSetup setup) {
        if (!setup.equals(cachedSetup)) {
            cachedSetup = null;
            cachedEvaluator = null;  // let the last study's data go first
            dev.plateau.model.runtime.ReachableOpExecutioner.install();  // before ND4J loads in this JVM, as the CLI does
            try {
                cachedEvaluator = setup.evaluatorHere();
                cachedSetup = setup;
            } catch (InputException e) {
                return e;  // not kept: the next application in this JVM (local mode) looks again
            }
        }
        return cachedEvaluator;
    }

    static InstanceTask of(EvaluatorSetup setup, Instance instance, EarlyStopRule earlyStop, long deadlineEpochMillis) {
        try {
            return new InstanceTask(setup, InstanceResult.JSON.writeValueAsString(instance), earlyStop, deadlineEpochMillis);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an instance always serialises", e);
        }
    }

    Reply run() {
        String worker = worker();
        if (System.currentTimeMillis() > deadlineEpochMillis) return new Reply(null, null, null, worker, 0);
        Object evaluator = evaluatorFor(setup);
        if (evaluator instanceof InputException problem) return new Reply(null, null, problem, worker, 0);
        long start = System.nanoTime();
        Thread thread = Thread.currentThread();
        ClassLoader spark = thread.getContextClassLoader();
        // ND4J looks classes up through the thread's context loader as it builds ops; through Spark's
        // task loader that cost 15 % of training time (docs/benchmarks.md, "Spark engine")
        thread.setContextClassLoader(InstanceTask.class.getClassLoader());
        try {
            Instance instance = InstanceResult.JSON.readValue(instanceJson, Instance.class);
            Evaluation e = ((InstanceEvaluator) evaluator).evaluate(instance, earlyStop);
            return new Reply(InstanceResult.JSON.writeValueAsString(e.result()), e.model(), null, worker, (System.nanoTime() - start) / 1e9);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an instance always reads back", e);
        } finally {
            thread.setContextClassLoader(spark);
        }
    }

    private static String worker() {
        var context = org.apache.spark.TaskContext.get();
        String executor = org.apache.spark.SparkEnv.get() == null ? "?" : org.apache.spark.SparkEnv.get().executorId();
        return "executor " + executor + (context == null ? "" : " (task " + context.taskAttemptId() + ")");
    }
}
