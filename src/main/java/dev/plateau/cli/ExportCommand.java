package dev.plateau.cli;

import dev.plateau.InputException;
import dev.plateau.export.ExportPick;
import dev.plateau.export.ModelExport;
import dev.plateau.store.Study;
import dev.plateau.store.StudyReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plateau export DIR [--pick knee|most-robust|best-deployed|cheapest|CONFIG_ID] [--out EXPORT_DIR]}: one
 * Pareto configuration's model as QONNX, ONNX, a DL4J zip and integer weights, with its model card
 * (see {@link ModelExport}; the rules: {@link ExportPick}).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a Pareto model for hardware flows: QONNX (hls4ml, FINN), ONNX, DL4J zip, integer weights, model card.")
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "a study folder with a Pareto set")
    Path dir;

    @Option(names = "--pick", defaultValue = "knee", paramLabel = "RULE",
            description = "knee (nearest the ideal point), most-robust (best verified or predicted robustness within --tolerance of the best "
                    + "task metric), best-deployed (best verified metric as deployed), cheapest (cheapest within --tolerance of best-deployed), or a configuration id "
                    + "(default: ${DEFAULT-VALUE})")
    String pick;

    @Option(names = "--tolerance", defaultValue = "0.1", description = "most-robust and cheapest: relative task-error margin above the best (default: ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--out", paramLabel = "EXPORT_DIR", description = "the folder to write (default: DIR/export/<config id>)")
    Path out;

    @Option(names = "--force", description = "replace an existing export folder")
    boolean force;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(tolerance >= 0)) throw InputException.ofOption("--tolerance", "must be 0 or more, got " + tolerance, "use e.g. 0.1 (10 % above the best error)");
        if (!Files.isRegularFile(dir.resolve("pareto.csv")) || !Files.isRegularFile(dir.resolve("study.yaml")))
            throw InputException.at(dir, 0, null, "not a study folder with a Pareto set (no pareto.csv or study.yaml)", "run or resume the study first");
        Study study = StudyReader.read(dir);
        Study.ArchiveMember member = new ExportPick(pick, tolerance).from(study);
        Path target = out != null ? out : dir.resolve("export").resolve(member.configId());
        Path absoluteStudy = dir.toAbsolutePath().normalize(), absoluteTarget = target.toAbsolutePath().normalize();
        if (absoluteStudy.startsWith(absoluteTarget) || absoluteTarget.equals(absoluteStudy.resolve("models")))
            throw InputException.ofOption("--out", target + " would replace the study's own files", "name a new folder, e.g. " + dir.resolve("export"));
        ModelExport.write(study, member, pick, target, force);
        var console = spec.commandLine().getOut();
        console.printf("picked %s (%s) of %d Pareto members%n", member.configId(), pick, study.archive().size());
        console.printf("written: %s (%s, %s, %s, %s, %s, %s)%n", target, ModelExport.QONNX, ModelExport.ONNX, ModelExport.ZIP, ModelExport.WEIGHTS,
                ModelExport.CARD, ModelExport.CARD_TEXT);
        return 0;
    }
}
