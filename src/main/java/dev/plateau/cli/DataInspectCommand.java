package dev.plateau.cli;

import dev.plateau.data.FileSchema;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code plateau data inspect FILE}: a CSV or HDF5 file's columns or datasets, and a {@code dataset:} block to start a search space from. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Summarise a CSV or HDF5 file and print a ready-to-edit dataset: block for a search space.")
final class DataInspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "a CSV file with a header row, or an HDF5 file")
    Path file;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        FileSchema schema = FileSchema.of(file);
        var out = spec.commandLine().getOut();
        schema.summary().forEach(out::println);
        out.println();
        out.println("# a dataset block to start from (then run: plateau data check SPACE.yaml)");
        out.print(schema.block());
        out.flush();
        return 0;
    }
}
