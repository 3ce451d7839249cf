package dev.plateau.data;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes {@link CaloShowers} as CSV: truth columns (energy_gev, x_cm, y_cm, theta_x_rad, theta_y_rad)
 * then one column per cell. Numbers use Java's shortest round-trip form, so a seed always gives a
 * byte-identical file.
 */
public final class CaloCsvWriter {
    public static final List<String> TRUTH_COLUMNS = List.of("energy_gev", "x_cm", "y_cm", "theta_x_rad", "theta_y_rad");

    private CaloCsvWriter() {}

    public static void write(CaloShowers showers, Path out) throws IOException {
        int cells = showers.detector().cells();
        List<String> header = new ArrayList<>(TRUTH_COLUMNS);
        header.addAll(CaloShowers.cellNames(showers.detector().gridSize()));
        if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             CSVPrinter p = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').setHeader(header.toArray(String[]::new)).build().print(w)) {
            List<String> row = new ArrayList<>(header.size());
            for (int e = 0; e < showers.events(); e++) {
                row.clear();
                row.add(Double.toString(showers.energyGeV()[e]));
                row.add(Double.toString(showers.xCm()[e]));
                row.add(Double.toString(showers.yCm()[e]));
                row.add(Double.toString(showers.thetaX()[e]));
                row.add(Double.toString(showers.thetaY()[e]));
                for (int c = 0; c < cells; c++) row.add(Float.toString(showers.cells()[e * cells + c]));
                p.printRecord(row);
            }
        }
    }
}
