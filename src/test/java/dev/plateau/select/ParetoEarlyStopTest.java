package dev.plateau.select;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.exec.InstanceResult;
import dev.plateau.landscape.ProxyValue;
import dev.plateau.model.Resources;
import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.EarlyStoppingSettings;
import dev.plateau.space.Family;
import dev.plateau.space.Instance;
import dev.plateau.space.ObjectiveSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParetoEarlyStopTest {
    static final Objectives OBJECTIVES = new Objectives(List.of(ObjectiveSpec.min("val_loss"), ObjectiveSpec.min("noise_curvature"),
            ObjectiveSpec.min("macs")));
    static final Instance RUNNING = Instance.of(1, new CandidateSpec(Family.MLP, List.of(), List.of(32), Activation.RELU, 1e-3, 32, 10), 1);
    static final Resources COST = new Resources(100, 1000);

    /** An archive of one configuration: val_loss 0.1, curvature 0.01, 500 MACs. */
    static ParetoArchive archive() {
        Instance member = Instance.of(1, new CandidateSpec(Family.MLP, List.of(), List.of(8), Activation.RELU, 1e-3, 32, 10), 1);
        InstanceResult r = new InstanceResult(member, null, "rmse", 0.1, 0.1, 0, 0, 0,
                Map.of("noise_curvature", new ProxyValue("noise_curvature", 0.01, 1, 0, 0)), new Resources(50, 500), 10, 0, 0, 0);
        return ParetoArchive.ofResults(List.of(r), OBJECTIVES);
    }

    final ParetoEarlyStop rule = new ParetoEarlyStop(OBJECTIVES, archive(), new double[] {0.1, 0.01, 500},
            new EarlyStoppingSettings(true, 0.5, 2));

    @Test
    void stopsWhenEvenTheOptimisticOutlookIsDominated() {
        // 0.3 * (1 - 0.5) = 0.15 > 0.1, curvature at best seen (0.01, a tie), 1000 MACs > 500: dominated
        String reason = rule.stop(RUNNING, COST, 3, 0.3);
        assertTrue(reason != null && reason.startsWith(InstanceResult.PRUNED) && reason.contains("after 3 of 10 epochs"), reason);
    }

    @Test
    void goesOnWhileTheLossCouldStillWin() {
        assertNull(rule.stop(RUNNING, COST, 3, 0.19), "0.19 * 0.5 = 0.095 beats the archive's 0.1");
    }

    @Test
    void neverStopsBeforeMinEpochsOrWhenCheaper() {
        assertNull(rule.stop(RUNNING, COST, 1, 10.0), "min_epochs 2");
        assertNull(rule.stop(RUNNING, new Resources(10, 100), 5, 10.0), "fewer MACs than any archive member: not dominated");
    }
}
