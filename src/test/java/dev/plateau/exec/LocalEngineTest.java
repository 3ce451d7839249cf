package dev.plateau.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.ConvLayerSpec;
import dev.plateau.space.DeploymentSpec;
import dev.plateau.space.Family;
import dev.plateau.space.Instance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A batch starts longest first by counted work, and still comes back in batch order with the same
 * results; one worker's busy time covers the instances' time and fits in the batch's wall time.
 */
class LocalEngineTest {
    @Test
    void theLongestInstanceStartsFirstAndResultsKeepBatchOrder() {
        InstanceEvaluator evaluator = new InstanceEvaluator(InstanceEvaluatorTest.DATA, InstanceEvaluatorTest.PROXY, DeploymentSpec.none());
        CandidateSpec small = new CandidateSpec(Family.MLP, List.of(), List.of(4), Activation.RELU, 1e-2, 64, 1);
        CandidateSpec wide = new CandidateSpec(Family.MLP, List.of(), List.of(64), Activation.RELU, 1e-2, 64, 2);
        CandidateSpec conv = new CandidateSpec(Family.CNN, List.of(new ConvLayerSpec(8, 3)), List.of(32), Activation.RELU, 1e-2, 64, 3);
        List<Instance> batch = List.of(Instance.of(1, small, 1), Instance.of(2, wide, 1), Instance.of(3, small, 2), Instance.of(4, conv, 1));
        assertTrue(evaluator.expectedWork(batch.get(3)) > evaluator.expectedWork(batch.get(1))
                && evaluator.expectedWork(batch.get(1)) > evaluator.expectedWork(batch.get(0)), "the CNN is the most work, the small MLPs the least");
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        try (LocalEngine engine = new LocalEngine(evaluator, 1)) {  // one worker: finishing order is starting order
            long t0 = System.nanoTime();
            List<Evaluation> out = engine.evaluate(batch, RunControl.unlimited(), e -> started.add(e.result().instance().key()));
            double wall = (System.nanoTime() - t0) / 1e9;
            assertEquals(batch.stream().map(Instance::key).toList(), out.stream().map(e -> e.result().instance().key()).toList(), "batch order");
            assertEquals(List.of(batch.get(3).key(), batch.get(1).key(), batch.get(0).key(), batch.get(2).key()), started,
                    "longest first; equal work keeps batch order");
            double took = out.stream().mapToDouble(e -> e.result().totalSeconds()).sum();
            assertTrue(engine.busySeconds() >= took && engine.busySeconds() <= wall,
                    "one worker is busy for the instances' time (and saving their models), within the batch's wall time: "
                            + took + " <= " + engine.busySeconds() + " <= " + wall);
            try (LocalEngine two = new LocalEngine(evaluator, 2)) {
                List<Evaluation> again = two.evaluate(batch);
                for (int i = 0; i < batch.size(); i++)
                    assertEquals(out.get(i).result().valLoss(), again.get(i).result().valLoss(), 0.0, "the same result on two workers");
            }
        }
    }
}
