package io.yoctopus.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/**
 * The two charts of the round-trip benchmark, drawn with plain Java2D so that the harness needs no plotting
 * library: {@code round-trips.png}, the median round trips per second of each server at each concurrency level
 * C, and {@code p99.png}, the median p99 latency in ms on a log axis (it spans three decades, from a fraction
 * of a millisecond at C=1 to tens of ms at C=500). C is categorical, equally spaced, because the levels
 * (1, 50, 500) are too far apart for a linear axis to show the low ones.
 *
 * <p>Text needs a font on the machine: on Debian, openjdk-17-jre-headless brings fonts-dejavu-core through
 * libfontconfig1; with no font installed at all, drawing the labels fails.
 */
final class Charts {

    static {
        // Charts are drawn on a server or in CI: never look for a display, unless the caller decided otherwise.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;
    private static final int LEFT = 90;
    private static final int RIGHT = WIDTH - 30;
    private static final int TOP = 80;
    private static final int BOTTOM = HEIGHT - 70;

    // Okabe-Ito: told apart by colour-blind readers too; the marker shapes carry the same information in grey.
    private static final Color[] COLOURS = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
        new Color(0xE69F00), new Color(0xCC79A7), new Color(0x56B4E9), Color.BLACK};
    private static final Color GRID = new Color(0xE0E0E0);
    private static final Color INK = new Color(0x303030);

    private Charts() {
    }

    /**
     * Writes {@code dir/round-trips.png} and {@code dir/p99.png}, one line per server in the maps' order.
     *
     * @param roundTripsPerSecond server name -> (concurrency level -> median round trips per second)
     * @param p99Millis server name -> (concurrency level -> median p99 latency in ms)
     * @return the two files, round trips first
     */
    static List<Path> write(Path dir, Map<String, ? extends Map<Integer, Double>> roundTripsPerSecond,
            Map<String, ? extends Map<Integer, Double>> p99Millis) throws IOException {
        Files.createDirectories(dir);
        Path rt = dir.resolve("round-trips.png");
        Path p99 = dir.resolve("p99.png");
        draw(rt, "Round trips per second by concurrency", "round trips / s (median)", roundTripsPerSecond,
                false);
        draw(p99, "p99 latency by concurrency (log scale)", "p99 latency, ms (median)", p99Millis, true);
        return List.of(rt, p99);
    }

    private static void draw(Path file, String title, String yTitle, Map<String, ? extends Map<Integer, Double>> series,
            boolean log) throws IOException {
        SortedSet<Integer> levels = new TreeSet<>();
        List<Double> values = new ArrayList<>();
        series.values().forEach(s -> {
            levels.addAll(s.keySet());
            s.values().stream().filter(v -> plottable(v, log)).forEach(values::add);
        });
        List<Integer> xs = List.copyOf(levels);
        Axis y = log ? Axis.log(values) : Axis.linear(values);

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);

            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            centred(g, title, WIDTH / 2.0, 32);
            legend(g, List.copyOf(series.keySet()), 58);

            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (double tick : y.ticks()) {
                double py = y.pixel(tick);
                g.setColor(GRID);
                g.draw(new Line2D.Double(LEFT, py, RIGHT, py));
                g.setColor(INK);
                String label = format(tick);
                g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label),
                        (float) py + g.getFontMetrics().getAscent() / 2f - 1);
            }
            g.setColor(INK);
            g.setStroke(new BasicStroke(1f));
            g.draw(new Rectangle2D.Double(LEFT, TOP, RIGHT - LEFT, BOTTOM - TOP));
            for (int i = 0; i < xs.size(); i++) {
                double px = x(i, xs.size());
                g.draw(new Line2D.Double(px, BOTTOM, px, BOTTOM + 5));
                centred(g, "C=" + xs.get(i), px, BOTTOM + 20);
            }

            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            centred(g, "concurrent connections (C)", (LEFT + RIGHT) / 2.0, HEIGHT - 18);
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.translate(24, (TOP + BOTTOM) / 2.0);
            rotated.rotate(-Math.PI / 2);
            centred(rotated, yTitle, 0, 0);
            rotated.dispose();

            int k = 0;
            for (Map<Integer, Double> s : series.values()) {
                plot(g, s, xs, y, log, k++);
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    private static void plot(Graphics2D g, Map<Integer, Double> s, List<Integer> xs, Axis y, boolean log, int k) {
        Path2D line = new Path2D.Double();
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            Double v = s.get(xs.get(i));
            if (v != null && plottable(v, log)) {
                double[] p = {x(i, xs.size()), y.pixel(v)};
                if (points.isEmpty()) {
                    line.moveTo(p[0], p[1]);
                } else {
                    line.lineTo(p[0], p[1]);
                }
                points.add(p);
            }
        }
        g.setColor(COLOURS[k % COLOURS.length]);
        g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(line);
        for (double[] p : points) {
            dot(g, k, p[0], p[1]);
        }
    }

    /**
     * One line per server, centred; where the names do not fit in one line (seven servers do not), they wrap into
     * as many lines as needed, between the title and the plot.
     */
    private static void legend(Graphics2D g, List<String> names, int baseline) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        int swatch = 28;
        int gap = 24;
        List<List<Integer>> lines = new ArrayList<>();
        List<Integer> line = new ArrayList<>();
        int width = -gap;
        for (int k = 0; k < names.size(); k++) {
            int entry = swatch + 6 + fm.stringWidth(names.get(k)) + gap;
            if (!line.isEmpty() && width + entry > WIDTH - 40) {
                lines.add(line);
                line = new ArrayList<>();
                width = -gap;
            }
            line.add(k);
            width += entry;
        }
        lines.add(line);
        int lineHeight = 18;
        int first = lines.size() == 1 ? baseline : baseline - 6 - lineHeight * (lines.size() - 2);
        for (int l = 0; l < lines.size(); l++) {
            int total = -gap;
            for (int k : lines.get(l)) {
                total += swatch + 6 + fm.stringWidth(names.get(k)) + gap;
            }
            double at = (WIDTH - total) / 2.0;
            int lineBaseline = first + l * lineHeight;
            double mid = lineBaseline - fm.getAscent() / 2.0 + 1;
            for (int k : lines.get(l)) {
                g.setColor(COLOURS[k % COLOURS.length]);
                g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(new Line2D.Double(at, mid, at + swatch, mid));
                dot(g, k, at + swatch / 2.0, mid);
                g.setColor(INK);
                g.drawString(names.get(k), (float) (at + swatch + 6), lineBaseline);
                at += swatch + 6 + fm.stringWidth(names.get(k)) + gap;
            }
        }
    }

    /** A white rim keeps a marker visible where two servers have nearly the same value. */
    private static void dot(Graphics2D g, int k, double x, double y) {
        Shape m = marker(k, x, y);
        Color colour = g.getColor();
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(1.5f));
        g.draw(m);
        g.setColor(colour);
        g.fill(m);
    }

    private static Shape marker(int k, double x, double y) {
        double r = 4.5;
        switch (k % 4) {
            case 0:
                return new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
            case 1:
                return new Rectangle2D.Double(x - r + 0.5, y - r + 0.5, 2 * r - 1, 2 * r - 1);
            case 2:
                return polygon(x, y - r - 1, x + r + 1, y + r, x - r - 1, y + r);
            default:
                return polygon(x, y - r - 1, x + r + 1, y, x, y + r + 1, x - r - 1, y);
        }
    }

    private static Shape polygon(double... xy) {
        Path2D p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        p.closePath();
        return p;
    }

    private static void centred(Graphics2D g, String text, double x, double baseline) {
        g.drawString(text, (float) (x - g.getFontMetrics().stringWidth(text) / 2.0), (float) baseline);
    }

    /** Categories sit in the middle of equal slots, so the first and last points stay off the frame. */
    private static double x(int i, int n) {
        return LEFT + (i + 0.5) * (RIGHT - LEFT) / n;
    }

    private static boolean plottable(Double v, boolean log) {
        return v != null && Double.isFinite(v) && (!log || v > 0);
    }

    /** 61284 -> "61.28k", 0.2 -> "0.2": four significant digits at most, without float noise. */
    static String format(double v) {
        String suffix = "";
        if (Math.abs(v) >= 1e6) {
            v /= 1e6;
            suffix = "M";
        } else if (Math.abs(v) >= 1e3) {
            v /= 1e3;
            suffix = "k";
        }
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString() + suffix;
    }

    /** The y axis: the value range, where the values land in pixels, and the labelled grid lines. */
    private record Axis(double lo, double hi, boolean log, List<Double> ticks) {

        /** From zero, so that the heights compare as ratios; about six steps of 1, 2 or 5 times a power of ten. */
        static Axis linear(List<Double> values) {
            double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
            if (max <= 0) {
                max = 1;
            }
            double raw = max / 6;
            double decade = Math.pow(10, Math.floor(Math.log10(raw)));
            double f = raw / decade;
            double step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * decade;
            // Headroom so the top point does not sit on the frame.
            double top = Math.ceil(max * 1.05 / step) * step;
            List<Double> ticks = new ArrayList<>();
            for (int i = 0; i * step <= top + step / 2; i++) {
                ticks.add(i * step);
            }
            return new Axis(0, top, false, ticks);
        }

        /** Whole decades around the values, grid lines at 1, 2 and 5 of each. */
        static Axis log(List<Double> values) {
            int from = (int) Math.floor(Math.log10(values.stream().mapToDouble(Double::doubleValue).min().orElse(1)));
            int to = (int) Math.ceil(Math.log10(values.stream().mapToDouble(Double::doubleValue).max().orElse(10)));
            if (to <= from) {
                to = from + 1;
            }
            List<Double> ticks = new ArrayList<>();
            for (int e = from; e <= to; e++) {
                for (int m : new int[] {1, 2, 5}) {
                    if (e < to || m == 1) {
                        ticks.add(BigDecimal.valueOf(m).scaleByPowerOfTen(e).doubleValue());
                    }
                }
            }
            return new Axis(Math.pow(10, from), Math.pow(10, to), true, ticks);
        }

        double pixel(double v) {
            double f = log ? Math.log10(v / lo) / Math.log10(hi / lo) : (v - lo) / (hi - lo);
            return BOTTOM - f * (BOTTOM - TOP);
        }
    }
}
