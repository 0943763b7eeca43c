package io.yoctopus.bench;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cluster scenario's section of the report ({@link ClusterRun}'s {@code cfan} and {@code clat} lines): the
 * fan-out over one instance and over two, and the latency of a message to receivers on the sender's instance and
 * on the other.
 */
final class ClusterReport {

    private ClusterReport() {
    }

    static void write(StringBuilder md, List<String[]> fan, List<String[]> latency) {
        md.append("\n### Cluster: Payara Micro instances on one data grid\n\n");
        md.append("The framework WAR on Payara Micro instances clustered on loopback (Hazelcast data grid, not "
                + "`--nohazelcast`), every instance pinned to core 0 (the same core budget as one instance: what "
                + "clustering costs, not what a second machine adds), the load generator on core 1; all clients in "
                + "one JVM, so every time is read on one clock. *one*: the first instance alone, before the second "
                + "has joined (a grid of one member publishes nothing); *two*: both instances, the connections split "
                + "evenly, the sender on instance A.\n");
        if (!fan.isEmpty()) {
            fanOut(md, fan);
        }
        if (!latency.isEmpty()) {
            latency(md, latency);
        }
    }

    private static void fanOut(StringBuilder md, List<String[]> fan) {
        md.append("\n#### Fan-out: one `chat:message` to every connection of one room\n\n");
        md.append("From the send to the last connection having the notification, per repetition (after unrecorded "
                + "warm-up ones); p50 and p99 over the kept repetitions (nearest rank; repetitions with more than 5% "
                + "CPU steal are discarded). *Last on A / B*: the median time the last connection of each instance had "
                + "it. *CPU*: the CPU time of every instance together from the send to the last notification "
                + "(10 ms ticks), median. *Load*: the 1-minute load average at the start of the repetitions "
                + "(lowest–highest).\n\n");
        md.append("| configuration | connections | instances | repetitions kept | p50 ms | p99 ms | last on A / B, "
                + "median ms | CPU ms | load |\n|---|---:|---:|---:|---:|---:|---|---:|---|\n");
        Map<String, List<String[]>> byServer = group(fan);
        Map<String, Double> p50s = new LinkedHashMap<>();
        byServer.forEach((server, reps) -> {
            List<String[]> kept = reps.stream().filter(f -> Report.d(f[6]) <= Report.MAX_STEAL).toList();
            List<Double> times = kept.stream().map(f -> Report.d(f[5])).toList();
            double p50 = percentile(times, 50);
            p50s.put(server, p50);
            int instances = Integer.parseInt(reps.get(0)[3]);
            List<String> lasts = new ArrayList<>();
            for (int instance = 0; instance < instances; instance++) {
                int index = instance;
                lasts.add(Report.f1(Report.median(kept.stream()
                        .map(f -> Report.d(f[9].split(",")[index])).toList())));
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d of %d | %s | %s | %s | %s | %s |%n", server,
                    reps.get(0)[2], instances, kept.size(), reps.size(), Report.f1(p50),
                    Report.f1(percentile(times, 99)), String.join(" / ", lasts),
                    Report.f1(Report.median(kept.stream().map(f -> Report.d(f[7])).toList())),
                    range(reps.stream().mapToDouble(f -> Report.d(f[8])).summaryStatistics())));
        });
        if (p50s.size() == 2) {
            List<String> servers = new ArrayList<>(p50s.keySet());
            md.append(String.format(Locale.ROOT, "%n- %s / %s, fan-out p50: %.2f%n", servers.get(1), servers.get(0),
                    p50s.get(servers.get(1)) / p50s.get(servers.get(0))));
        }
    }

    private static void latency(StringBuilder md, List<String[]> latency) {
        md.append("\n#### Latency of one message: receivers on the sender's instance (A) and on the other (B)\n\n");
        md.append("One sender on instance A, the receivers split evenly over the instances, all in one room; "
                + "`chat:message`s sent one at a time, a fixed interval apart, after unrecorded warm-up ones; the "
                + "latency from the send to each receiver's notification, per instance (HdrHistogram, ms). "
                + "*Out of order or twice*: notifications a receiver got after a later one or again (0 expected).\n\n");
        md.append("| configuration | receivers on | receivers | messages | interval ms | p50 | p90 | p99 | p99.9 | max "
                + "| received | out of order or twice | load |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String[] f : latency) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    f[1], f[2], f[3], f[4], f[13], f[5], f[6], f[7], f[8], f[9], f[11], f[12], f[10]));
        }
        Map<String, List<String[]>> byServer = group(latency);
        List<String[]> onA = latency.stream().filter(f -> f[2].equals("A")).toList();
        for (String[] clustered : onA.subList(Math.min(1, onA.size()), onA.size())) {
            md.append(String.format(Locale.ROOT, "%n- receivers on A, %s minus %s: p50 %+.2f ms, p99 %+.2f ms (what "
                            + "the sender's instance does more when another instance is up)%n", clustered[1], onA.get(0)[1],
                    Report.d(clustered[5]) - Report.d(onA.get(0)[5]), Report.d(clustered[7]) - Report.d(onA.get(0)[7])));
        }
        byServer.forEach((server, rows) -> {
            if (rows.size() > 1) {
                String[] local = rows.get(0);
                for (String[] remote : rows.subList(1, rows.size())) {
                    md.append(String.format(Locale.ROOT, "%n- %s: receivers on %s minus receivers on %s, the same "
                                    + "messages: p50 %+.2f ms, p99 %+.2f ms (the sender's instance publishes to the grid "
                                    + "before it writes to its own connections, so the hop overlaps those writes)%n",
                            server, remote[2], local[2],
                            Report.d(remote[5]) - Report.d(local[5]), Report.d(remote[7]) - Report.d(local[7])));
                }
            }
        });
    }

    /** The nearest-rank percentile: the smallest value with at least {@code p}% of the values at or below it. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static Map<String, List<String[]>> group(List<String[]> lines) {
        Map<String, List<String[]>> byServer = new LinkedHashMap<>();
        lines.forEach(f -> byServer.computeIfAbsent(f[1], k -> new ArrayList<>()).add(f));
        return byServer;
    }

    private static String range(DoubleSummaryStatistics load) {
        return load.getCount() == 0 ? "–" : String.format(Locale.ROOT, "%.1f–%.1f", load.getMin(), load.getMax());
    }
}
