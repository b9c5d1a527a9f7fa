package dev.mcpws.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/**
 * Line charts of the benchmark results as PNG, with plain Java2D (headless, no dependency): one or more series of
 * (x, y) points, the x axis linear or logarithmic with a tick at every x of the data, the y axis from 0 with round
 * ticks, an optional dashed horizontal target line, and a legend.
 */
final class Chart {

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};
    private static final int W = 800;
    private static final int H = 420;
    private static final int LEFT = 80;
    private static final int RIGHT = 24;
    private static final int TOP = 78;
    private static final int BOTTOM = 60;

    private Chart() {
    }

    static void line(String title, String xLabel, String yLabel, boolean logX, Map<String, List<double[]>> series, Path png)
            throws IOException {
        line(title, xLabel, yLabel, logX, series, Double.NaN, null, png);
    }

    /** Draws the series (in the map's order) and, when {@code targetY} is a number, a dashed line labelled {@code targetLabel}. */
    static void line(String title, String xLabel, String yLabel, boolean logX, Map<String, List<double[]>> series,
                     double targetY, String targetLabel, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);

        TreeSet<Double> xs = new TreeSet<>();
        double maxY = Double.isNaN(targetY) ? 0 : targetY;
        for (List<double[]> points : series.values()) {
            for (double[] p : points) {
                xs.add(p[0]);
                if (Double.isFinite(p[1])) {
                    maxY = Math.max(maxY, p[1]);
                }
            }
        }
        if (xs.isEmpty()) {
            xs.add(0.0);
            xs.add(1.0);
        }
        double step = niceStep(maxY <= 0 ? 1 : maxY * 1.1 / 5);
        double top = Math.ceil((maxY <= 0 ? 1 : maxY * 1.1) / step) * step;
        double x0 = scale(xs.first(), logX);
        double x1 = scale(xs.last(), logX);
        if (x1 == x0) {
            x1 = x0 + 1;
        }
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        final double fx0 = x0;
        final double fx1 = x1;
        java.util.function.DoubleToIntFunction px = x -> LEFT + (int) Math.round((scale(x, logX) - fx0) / (fx1 - fx0) * plotW);
        java.util.function.DoubleToIntFunction py = y -> TOP + plotH - (int) Math.round(y / top * plotH);

        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        g.setFont(base.deriveFont(Font.BOLD, 14f));
        g.setColor(Color.BLACK);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, (W - fm.stringWidth(title)) / 2, 24);
        g.setFont(base);
        fm = g.getFontMetrics();

        // grid and y ticks
        for (double y = 0; y <= top + step / 2; y += step) {
            int yy = py.applyAsInt(y);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(LEFT, yy, LEFT + plotW, yy);
            g.setColor(Color.DARK_GRAY);
            String s = label(y, step);
            g.drawString(s, LEFT - 8 - fm.stringWidth(s), yy + fm.getAscent() / 2 - 1);
        }
        // x ticks at the data's x values
        for (double x : xs) {
            int xx = px.applyAsInt(x);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(xx, TOP, xx, TOP + plotH);
            g.setColor(Color.DARK_GRAY);
            String s = label(x, 1);
            g.drawString(s, xx - fm.stringWidth(s) / 2, TOP + plotH + 18);
        }
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotH);
        g.drawString(xLabel + (logX ? " (log scale)" : ""), LEFT + (plotW - fm.stringWidth(xLabel)) / 2, H - 16);
        Graphics2D gy = (Graphics2D) g.create();
        gy.rotate(-Math.PI / 2);
        gy.drawString(yLabel, -(TOP + (plotH + fm.stringWidth(yLabel)) / 2), 18);
        gy.dispose();

        // target line; the legend is a row (or two) between the title and the plot
        int[] legendAt = {LEFT, 34};
        if (!Double.isNaN(targetY)) {
            Stroke old = g.getStroke();
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            int yy = py.applyAsInt(targetY);
            g.drawLine(LEFT, yy, LEFT + plotW, yy);
            g.setStroke(old);
        }
        // series
        int i = 0;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            Color c = COLORS[i++ % COLORS.length];
            g.setColor(c);
            g.setStroke(new BasicStroke(2.2f));
            int[] prev = null;
            for (double[] p : e.getValue()) {
                if (!Double.isFinite(p[1])) {
                    continue;
                }
                int[] cur = {px.applyAsInt(p[0]), py.applyAsInt(p[1])};
                if (prev != null) {
                    g.drawLine(prev[0], prev[1], cur[0], cur[1]);
                }
                g.fillOval(cur[0] - 4, cur[1] - 4, 8, 8);
                prev = cur;
            }
            legend(g, fm, c, false, e.getKey(), legendAt);
        }
        if (!Double.isNaN(targetY) && targetLabel != null) {
            legend(g, fm, Color.GRAY, true, targetLabel, legendAt);
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static void legend(Graphics2D g, FontMetrics fm, Color c, boolean dashed, String text, int[] at) {
        int width = fm.stringWidth(text) + 44;
        if (at[0] + width > W - RIGHT) {
            at[0] = LEFT;
            at[1] += 18;
        }
        int x = at[0];
        int y = at[1];
        g.setColor(c);
        Stroke old = g.getStroke();
        g.setStroke(dashed ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                : new BasicStroke(2.2f));
        g.drawLine(x, y + 6, x + 24, y + 6);
        g.setStroke(old);
        g.setColor(Color.BLACK);
        g.drawString(text, x + 30, y + 11);
        at[0] += width;
    }

    private static double scale(double x, boolean log) {
        return log ? Math.log10(Math.max(x, 1e-9)) : x;
    }

    private static double niceStep(double raw) {
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * mag;
    }

    private static String label(double v, double step) {
        if (step >= 1 && v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, step >= 0.1 ? "%.1f" : "%.2f", v);
    }
}
