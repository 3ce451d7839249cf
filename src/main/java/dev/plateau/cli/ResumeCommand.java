package dev.plateau.cli;

import dev.plateau.store.StudyFolder;
import dev.plateau.store.StudyStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code plateau resume DIR}: continues a study that was stopped or killed. The search replays from
 * its seed with journaled instances served from the journal, so the finished folder equals that of an
 * uninterrupted run.
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a stopped or killed study from its journal; the result equals an uninterrupted run.")
final class ResumeCommand implements Callable<Integer>, SupervisedLaunch.Restartable {
    @Parameters(index = "0", paramLabel = "DIR", description = "study folder")
    Path dir;

    @Mixin
    RunOptions run;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        run.validate();
        StudyFolder folder = StudyFolder.reopen(dir);
        if (Files.exists(dir.resolve("status.json")) && StudyStatus.read(dir).state() == StudyStatus.State.FINISHED) {
            spec.commandLine().getOut().printf("plateau: study in %s is already finished; nothing to resume%n", dir);
            return 0;
        }
        folder = folder.continued(spec.commandLine().getParseResult().originalArgs());
        return StudyRun.run(folder, folder.space(), dev.plateau.data.DatasetLoader.prepare(folder.space()), run, spec.commandLine().getOut());
    }


    @Override
    public int maxRestarts() { return run.maxRestarts; }

    @Override
    public java.time.Duration budget() { return run.budget; }

    @Override
    public java.util.List<String> continuation(java.util.List<String> originalArgs, Path dir, java.time.Duration remainingBudget) {
        var args = new java.util.ArrayList<>(java.util.List.of("resume", dir.toString()));
        args.addAll(run.continuationFlags(remainingBudget));
        return args;
    }
}
