package dev.plateau.report;

import dev.plateau.landscape.LossSlices;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/** PNG charts of loss slices: a line for 1-D slices, a heat map with the grid's minimum marked for 2-D. */
public final class SliceCharts {
    static final int WIDTH = 640, HEIGHT = 480, MARGIN = 60;

    private SliceCharts() {}

    public static void line(LossSlices.Slice1D slice, Path png) throws IOException {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, "loss along " + slice.direction() + " direction");
        double lo = min(slice.losses()), hi = max(slice.losses());
        if (hi == lo) hi = lo + 1;
        double[] a = slice.alphas();
        int w = WIDTH - 2 * MARGIN, h = HEIGHT - 2 * MARGIN;
        Path2D path = new Path2D.Double();
        for (int i = 0; i < a.length; i++) {
            double x = MARGIN + w * (a[i] - a[0]) / (a[a.length - 1] - a[0]);
            double y = HEIGHT - MARGIN - h * (slice.losses()[i] - lo) / (hi - lo);
            if (i == 0) path.moveTo(x, y);
            else path.lineTo(x, y);
        }
        g.setColor(new Color(33, 102, 172));
        g.setStroke(new BasicStroke(2f));
        g.draw(path);
        axes(g, String.format(Locale.ROOT, "%.3g", a[0]), String.format(Locale.ROOT, "%.3g", a[a.length - 1]),
                String.format(Locale.ROOT, "%.4g", lo), String.format(Locale.ROOT, "%.4g", hi));
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    public static void heatMap(LossSlices.Slice2D slice, Path png) throws IOException {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, "log loss over the " + slice.directions() + " plane");
        double[][] l = slice.losses();
        int n = l.length, m = l[0].length;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        int bi = 0, bj = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) {
                double v = Math.log10(Math.max(l[i][j], 1e-12));
                if (v < lo) {
                    lo = v;
                    bi = i;
                    bj = j;
                }
                hi = Math.max(hi, v);
            }
        if (hi == lo) hi = lo + 1;
        int size = Math.min(WIDTH, HEIGHT) - 2 * MARGIN;
        double cw = size / (double) n, ch = size / (double) m;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) {
                double t = (Math.log10(Math.max(l[i][j], 1e-12)) - lo) / (hi - lo);
                g.setColor(colour(t));
                g.fillRect((int) (MARGIN + i * cw), (int) (HEIGHT - MARGIN - (j + 1) * ch), (int) Math.ceil(cw), (int) Math.ceil(ch));
            }
        g.setColor(Color.WHITE);
        g.drawOval((int) (MARGIN + (bi + 0.5) * cw) - 5, (int) (HEIGHT - MARGIN - (bj + 0.5) * ch) - 5, 10, 10);
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "min %.4g   max %.4g", Math.pow(10, lo), Math.pow(10, hi)), MARGIN + size + 10, MARGIN + 20);
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, "α %.3g", slice.alphas()[0]), MARGIN, HEIGHT - MARGIN + 18);
        g.drawString(String.format(Locale.ROOT, "%.3g", slice.alphas()[n - 1]), MARGIN + size - 30, HEIGHT - MARGIN + 18);
        g.drawString(String.format(Locale.ROOT, "β %.3g..%.3g", slice.betas()[0], slice.betas()[m - 1]), 4, MARGIN - 6);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    /** A perceptually ordered dark-blue → yellow ramp (viridis-like end points). */
    static Color colour(double t) {
        t = Math.max(0, Math.min(1, t));
        return new Color((int) (68 + t * (253 - 68)), (int) (1 + t * (231 - 1)), (int) (84 + t * (37 - 84)));
    }

    private static Graphics2D canvas(BufferedImage img, String title) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(title, MARGIN, MARGIN / 2);
        return g;
    }

    private static void axes(Graphics2D g, String xLo, String xHi, String yLo, String yHi) {
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawLine(MARGIN, HEIGHT - MARGIN, WIDTH - MARGIN, HEIGHT - MARGIN);
        g.drawLine(MARGIN, MARGIN, MARGIN, HEIGHT - MARGIN);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(xLo, MARGIN, HEIGHT - MARGIN + 18);
        g.drawString(xHi, WIDTH - MARGIN - 30, HEIGHT - MARGIN + 18);
        g.drawString(yLo, 4, HEIGHT - MARGIN);
        g.drawString(yHi, 4, MARGIN + 4);
    }

    private static double min(double[] v) { return java.util.Arrays.stream(v).min().orElse(0); }

    private static double max(double[] v) { return java.util.Arrays.stream(v).max().orElse(1); }
}
