package io.yoctopus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one idle connection is made of, on the heap: the class histograms ({@code jcmd GC.class_histogram},
 * taken before and after opening the connections) of the framework and of the bare endpoint, subtracted
 * and divided by the number of connections. The difference between the two servers is the framework's own
 * share; the bare endpoint's is Payara's.
 */
final class Histograms {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final int TOP = 12;

    private Histograms() {
    }

    /** Bytes of live objects by class name. */
    static Map<String, Long> read(Path file) throws IOException {
        Map<String, Long> bytes = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                bytes.merge(row.group(3), Long.parseLong(row.group(2)), Long::sum);
            }
        }
        return bytes;
    }

    /** Bytes per connection by class: after minus before, over {@code connections}. */
    static Map<String, Double> perConnection(Path dir, String server, int connections) throws IOException {
        Map<String, Long> before = read(dir.resolve(server + "-before.histo"));
        Map<String, Long> after = read(dir.resolve(server + "-after.histo"));
        Map<String, Double> each = new HashMap<>();
        Set<String> classes = new HashSet<>(before.keySet());
        classes.addAll(after.keySet());
        for (String name : classes) {
            each.put(name, (after.getOrDefault(name, 0L) - before.getOrDefault(name, 0L)) / (double) connections);
        }
        return each;
    }

    /** The markdown section, or an empty string when the histograms were not kept. */
    static String section(Path dir, int connections) throws IOException {
        if (!Files.exists(dir.resolve("framework-after.histo")) || !Files.exists(dir.resolve("bare-after.histo"))) {
            return "";
        }
        Map<String, Double> framework = perConnection(dir, "framework", connections);
        Map<String, Double> bare = perConnection(dir, "bare", connections);
        Map<String, Double> extra = new HashMap<>();
        framework.forEach((name, bytes) -> extra.put(name, bytes - bare.getOrDefault(name, 0.0)));
        bare.forEach((name, bytes) -> extra.putIfAbsent(name, -bytes));
        StringBuilder md = new StringBuilder("\n#### What an idle connection is made of (class histograms)\n\n");
        md.append(String.format(Locale.ROOT, "Live bytes per connection: framework %.0f B, bare endpoint %.0f B, "
                + "the framework's own share %.0f B.%n%n", sum(framework), sum(bare), sum(extra)));
        md.append("| bare endpoint (Payara, Tyrus, Grizzly): class | B per connection | framework minus bare: class "
                + "| B per connection |\n|---|---:|---|---:|\n");
        List<Map.Entry<String, Double>> platform = top(bare);
        List<Map.Entry<String, Double>> ours = top(extra);
        for (int i = 0; i < Math.min(platform.size(), ours.size()); i++) {
            md.append(String.format(Locale.ROOT, "| `%s` | %.0f | `%s` | %.0f |%n", platform.get(i).getKey(),
                    platform.get(i).getValue(), ours.get(i).getKey(), ours.get(i).getValue()));
        }
        return md.toString();
    }

    private static List<Map.Entry<String, Double>> top(Map<String, Double> bytes) {
        return bytes.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(TOP).toList();
    }

    private static double sum(Map<String, Double> bytes) {
        return bytes.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
