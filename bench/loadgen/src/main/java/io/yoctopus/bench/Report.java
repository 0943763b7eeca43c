package io.yoctopus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns the results file of one run into the benchmark section of {@code bench/RESULTS.md}: medians,
 * ratios, discarded rounds, every raw round. Only the text between {@link #BEGIN} and {@link #END} is
 * replaced; everything else in the file is kept.
 */
final class Report {

    static final String BEGIN = "<!-- bench:begin: written by bench/run.sh, edits between these markers are overwritten -->";
    static final String END = "<!-- bench:end -->";
    static final double MAX_STEAL = 5.0;

    /** The framework on its Vert.x transport (README, "The Vert.x transport"), on a Payara Micro of its own. */
    static final String VERTX = "framework-vertx";

    /** Vert.x alone answering the same request (bench/barevertx): what the Vert.x transport is compared with. */
    static final String BARE_VERTX = "bare-vertx";

    /**
     * The servers the round trips run on, in the order of the report: the endpoints' names in the results are
     * {@code bare} and {@code framework} followed by the server's suffix ({@code framework-wildfly}, say).
     */
    static final List<Platform> PLATFORMS = List.of(new Platform("Payara Micro", ""),
            new Platform("WildFly", "-wildfly"), new Platform("Open Liberty", "-liberty"));

    /** The reference every server is compared with. */
    static final String NODE = "node";

    /** The head of a table of round trips, whose rows {@link #row} writes. */
    private static final String ROUND_TRIP_TABLE = "| C | server | rt/s | p50 | p90 | p99 | p99.9 | CPU busy | µs CPU/rt | load "
            + "| held back (s/s) | rounds kept |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|\n";

    private Report() {
    }

    /** A server the WARs are measured on, and the suffix of its endpoints' names in the results. */
    record Platform(String title, String suffix) {
        String bare() {
            return "bare" + suffix;
        }

        String framework() {
            return "framework" + suffix;
        }
    }

    record Round(String server, int conns, String round, double rtps, double p50, double p90, double p99, double p999,
            double cpu, double wall, double steal, long errors, long count, double load, double waited) {
        boolean kept() {
            return steal <= MAX_STEAL;
        }

        double cpuMicrosPerRt() {
            return cpu * 1e6 / count;
        }
    }

    static int write(Map<String, String> o) throws IOException {
        List<String[]> lines = Files.readAllLines(Path.of(o.get("results"))).stream()
                .filter(l -> !l.isBlank()).map(l -> l.split("\t")).toList();
        List<Round> rounds = lines.stream().filter(f -> f[0].equals("rt"))
                .map(f -> new Round(f[1], Integer.parseInt(f[2]), f[3], d(f[4]), d(f[5]), d(f[6]), d(f[7]), d(f[8]),
                        d(f[9]), d(f[10]), d(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                        // the load and the wait of a round came later: older results files lack them
                        f.length > 15 ? d(f[14]) : Double.NaN, f.length > 15 ? d(f[15]) : Double.NaN))
                .toList();
        StringBuilder md = new StringBuilder();
        md.append(BEGIN).append("\n\n## Round trips, memory, fan-out (written by bench/run.sh)\n\n");
        md.append("Written by the benchmark command; every number below comes from its last full run.\n\n");
        md.append("- Date: ").append(o.getOrDefault("date", "?")).append('\n');
        md.append("- Command: `").append(o.getOrDefault("command", "bash bench/run.sh")).append("`\n");
        md.append("- Duration of the run: ").append(o.getOrDefault("duration", "?")).append('\n');
        md.append("- Method: bench/README.md (servers pinned to core 0 with `taskset -c 0` at launch, load generator on "
                + "core 1, 30 s warm-up per server, servers alternated, rounds of 10 s, medians of the rounds kept; "
                + "rounds with more than 5% CPU steal are discarded)\n\n");
        md.append("### Machine\n\n```\n").append(Files.readString(Path.of(o.get("env"))).strip()).append("\n```\n\n");

        List<Platform> platforms = PLATFORMS.stream().filter(p -> rounds.stream()
                .anyMatch(r -> r.server().equals(p.bare()) || r.server().equals(p.framework()))).toList();
        List<String> roundTripServers = new ArrayList<>(List.of(NODE));
        platforms.forEach(p -> roundTripServers.addAll(List.of(p.bare(), p.framework())));
        boolean vertx = rounds.stream().anyMatch(r -> r.server().equals(VERTX));
        if (vertx) {
            roundTripServers.add(VERTX);
            roundTripServers.add(BARE_VERTX);
        }
        Set<Integer> levels = rounds.stream().filter(r -> roundTripServers.contains(r.server())).map(Round::conns)
                .sorted().collect(Collectors.toCollection(LinkedHashSet::new));
        md.append("### Round trips: `greeter:hello` (full validation path), closed loop, one request in flight per "
                + "connection\n\n");
        md.append("One table per server, each with Node's rows as the reference (the same rounds in every table). "
                + "Medians of the kept rounds. Latencies in ms. *CPU busy*: server CPU seconds / wall seconds "
                + "(1.00 = core 0 saturated); *µs CPU/rt*: server CPU per round trip, the figure least sensitive to "
                + "the machine's load; *load*: the machine's 1-minute load average at the start of the kept rounds "
                + "(lowest–highest); *held back*: how long the server's threads were runnable but waiting for a core, "
                + "per second of the round (median; a JVM pinned to one core also waits for its own threads; – where "
                + "threads that ended during the round made the sum meaningless).\n");
        for (Platform platform : platforms) {
            md.append("\n#### ").append(platform.title()).append("\n\n");
            md.append(ROUND_TRIP_TABLE);
            for (int c : levels) {
                for (String server : List.of(NODE, platform.bare(), platform.framework())) {
                    row(md, rounds, server, c);
                }
            }
            md.append("\n| C | framework / Node (rt/s) | framework / bare endpoint (rt/s) | bare endpoint / Node (rt/s) "
                    + "| p99 framework vs Node (ms) | µs CPU/rt framework vs Node |\n|---:|---:|---:|---:|---:|---:|\n");
            for (int c : levels) {
                double fw = median(rounds, platform.framework(), c, Round::rtps);
                double node = median(rounds, NODE, c, Round::rtps);
                double bare = median(rounds, platform.bare(), c, Round::rtps);
                md.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.2f | %s vs %s | %s vs %s |%n", c, fw / node,
                        fw / bare, bare / node, f3(median(rounds, platform.framework(), c, Round::p99)),
                        f3(median(rounds, NODE, c, Round::p99)),
                        f1(median(rounds, platform.framework(), c, Round::cpuMicrosPerRt)),
                        f1(median(rounds, NODE, c, Round::cpuMicrosPerRt))));
            }
        }
        if (platforms.size() > 1) {
            serversSide(md, rounds, platforms, levels);
        }

        if (vertx) {
            vertx(md, rounds, levels);
        }

        if (!levels.isEmpty()) {
            charts(md, rounds, roundTripServers, levels, Path.of(o.get("target")).toAbsolutePath().getParent());
        }

        List<Round> before = rounds.stream().filter(r -> r.server().endsWith("-before")).toList();
        if (!before.isEmpty()) {
            md.append("\n### The Tyrus idle-timer remedy (`TyrusScheduler`): before and after\n\n");
            md.append("*Before*: the same WAR started with `-Dyoctopus.tyrus.plainScheduler=false` (Tyrus left as "
                    + "it is: every frame schedules on Payara's managed scheduled executor). *After*: the default.\n\n");
            md.append("| C | server | remedy | rt/s | p50 | p99 | µs CPU/rt | after / before (rt/s) |\n");
            md.append("|---:|---|---|---:|---:|---:|---:|---:|\n");
            for (int c : before.stream().map(Round::conns).collect(Collectors.toCollection(LinkedHashSet::new))) {
                for (String server : List.of("bare", "framework")) {
                    double off = median(rounds, server + "-before", c, Round::rtps);
                    double on = median(rounds, server, c, Round::rtps);
                    md.append(String.format(Locale.ROOT, "| %d | %s | off | %.0f | %s | %s | %s | |%n", c, server, off,
                            f3(median(rounds, server + "-before", c, Round::p50)),
                            f3(median(rounds, server + "-before", c, Round::p99)),
                            f1(median(rounds, server + "-before", c, Round::cpuMicrosPerRt))));
                    md.append(String.format(Locale.ROOT, "| %d | %s | on | %.0f | %s | %s | %s | %.2f× |%n", c, server, on,
                            f3(median(rounds, server, c, Round::p50)), f3(median(rounds, server, c, Round::p99)),
                            f1(median(rounds, server, c, Round::cpuMicrosPerRt)), on / off));
                }
            }
        }

        List<Round> sameThread = rounds.stream().filter(r -> r.server().equals("framework-samethread")).toList();
        if (!sameThread.isEmpty()) {
            md.append("\n### Grizzly's same-thread I/O strategy (measured, not shipped)\n\n");
            md.append("`framework-samethread`: the same WAR with the product's pre-boot commands plus one more, the HTTP "
                    + "transport's `io-strategy` set to Grizzly's `SameThreadIOStrategy` "
                    + "(`bench/target/run/samethread-preboot.txt`: "
                    + "frames are handled on the selector thread that read them, without the hand-off to a worker). "
                    + "Started after the servers above, warmed the same way.\n\n");
            md.append("| C | framework rt/s | same-thread rt/s | same-thread / framework | p99 framework vs same-thread (ms) "
                    + "| µs CPU/rt framework vs same-thread |\n|---:|---:|---:|---:|---:|---:|\n");
            for (int c : sameThread.stream().map(Round::conns).collect(Collectors.toCollection(LinkedHashSet::new))) {
                double fw = median(rounds, "framework", c, Round::rtps);
                double st = median(rounds, "framework-samethread", c, Round::rtps);
                md.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.2f | %s vs %s | %s vs %s |%n", c, fw, st, st / fw,
                        f3(median(rounds, "framework", c, Round::p99)),
                        f3(median(rounds, "framework-samethread", c, Round::p99)),
                        f1(median(rounds, "framework", c, Round::cpuMicrosPerRt)),
                        f1(median(rounds, "framework-samethread", c, Round::cpuMicrosPerRt))));
            }
        }

        List<String[]> memory = lines.stream().filter(f -> f[0].equals("mem")).toList();
        if (!memory.isEmpty()) {
            md.append("\n### Idle connections: memory per connection (fresh server each)\n\n");
            md.append("| server | connections | RSS per connection | live heap per connection "
                    + "| RSS before → after | live heap before → after |\n|---|---:|---:|---:|---:|---:|\n");
            for (String[] m : memory) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %.1f KB | %.1f KB | %s → %s MB | %s → %s MB |%n", m[1],
                        m[2], d(m[7]) / 1024, d(m[8]) / 1024, mb(m[3]), mb(m[4]), mb(m[5]), mb(m[6])));
            }
            md.append("\nNode's heap is V8's `heapUsed` after `global.gc()`; the JVMs' is the total of "
                    + "`jcmd GC.class_histogram` (live objects, after the full GC it runs).\n");
            if (o.containsKey("histograms")) {
                md.append(Histograms.section(Path.of(o.get("histograms")), Integer.parseInt(memory.get(0)[2])));
            }
        }

        List<String[]> fan = lines.stream().filter(f -> f[0].equals("fan")).toList();
        if (!fan.isEmpty()) {
            md.append("\n### Fan-out: one `chat:message` to every connection of one room\n\n");
            md.append("From sending the request to the last connection having the notification, as seen by the "
                    + "load generator (which receives all of them on one core), after unrecorded warm-up "
                    + "repetitions (10 in a full run). *Server CPU*: CPU time the server used from the request to the last "
                    + "notification (10 ms ticks), median.\n\n");
            md.append("| server | connections | median ms | server CPU ms | every repetition (ms) |\n"
                    + "|---|---:|---:|---:|---|\n");
            Map<String, List<String[]>> byServer = new LinkedHashMap<>();
            fan.forEach(f -> byServer.computeIfAbsent(f[1], k -> new ArrayList<>()).add(f));
            Map<String, Double> medians = new LinkedHashMap<>();
            byServer.forEach((server, reps) -> {
                List<Double> kept = reps.stream().filter(f -> d(f[5]) <= MAX_STEAL).map(f -> d(f[4])).toList();
                double med = median(kept);
                medians.put(server, med);
                double cpu = median(reps.stream().filter(f -> f.length > 6).map(f -> d(f[6])).toList());
                md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %s | %s |%n", server, reps.get(0)[2], med, f1(cpu),
                        reps.stream().map(f -> f[4] + (d(f[5]) > MAX_STEAL ? " (steal " + f[5] + "%, discarded)" : ""))
                                .collect(Collectors.joining(", "))));
            });
            if (medians.containsKey("node")) {
                md.append('\n');
                medians.forEach((server, med) -> {
                    if (server.startsWith("framework")) {
                        md.append(String.format(Locale.ROOT, "- %s / Node fan-out time: %.2f (below 1 is faster)%n",
                                server, med / medians.get("node")));
                    }
                });
            }
        }

        List<String[]> idle = lines.stream().filter(f -> f[0].equals("idle")).toList();
        if (!idle.isEmpty()) {
            idleCpu(md, idle);
        }

        List<String[]> clusterFan = lines.stream().filter(f -> f[0].equals("cfan")).toList();
        List<String[]> clusterLatency = lines.stream().filter(f -> f[0].equals("clat")).toList();
        if (!clusterFan.isEmpty() || !clusterLatency.isEmpty()) {
            ClusterReport.write(md, clusterFan, clusterLatency);
        }

        List<Round> discarded = rounds.stream().filter(r -> !r.kept()).toList();
        md.append("\n### Discarded rounds (CPU steal > 5%)\n\n");
        md.append(discarded.isEmpty() ? "None.\n" : discarded.stream()
                .map(r -> String.format(Locale.ROOT, "- %s C=%d round %s: steal %.1f%%", r.server(), r.conns(), r.round(),
                        r.steal()))
                .collect(Collectors.joining("\n")) + "\n");

        md.append("\n<details><summary>Every round trip round</summary>\n\n");
        md.append("| server | C | round | rt/s | p50 | p90 | p99 | p99.9 | server CPU s | wall s | steal % | load "
                + "| held back s | wrong or missing replies |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Round r : rounds) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %.0f | %s | %s | %s | %s | %.2f | %.2f | %.1f | %s | %s | %d |%n",
                    r.server(), r.conns(), r.round(), r.rtps(), f3(r.p50()), f3(r.p90()), f3(r.p99()), f3(r.p999()),
                    r.cpu(), r.wall(), r.steal(), f1(r.load()), held(r.waited()), r.errors()));
        }
        md.append("\n</details>\n\n").append(END).append('\n');

        Path target = Path.of(o.get("target"));
        String existing = Files.exists(target) ? Files.readString(target) : "# Benchmark results\n\n";
        int begin = existing.indexOf(BEGIN);
        int end = existing.indexOf(END);
        String updated;
        if (begin >= 0 && end > begin) {
            updated = existing.substring(0, begin) + md.toString().stripTrailing() + existing.substring(end + END.length());
        } else {
            updated = existing.stripTrailing() + "\n\n" + md;
        }
        Files.writeString(target, updated);
        System.out.println("wrote " + target);
        return 0;
    }

    /** The idle-CPU scenario: one row per server, the medians of its windows, and the ratios to Node's. */
    private static void idleCpu(StringBuilder md, List<String[]> idle) {
        md.append("\n### Idle connections: server CPU while the clients only answer pings\n\n");
        md.append("In a full run a fresh server each (bench/README.md); its connections opened, left to settle, "
                + "then the server's CPU seconds (`utime + stime`) over consecutive windows while the clients send "
                + "nothing and answer pings (`IdleClients`, one selector thread). *Pings/s*: the pings the clients "
                + "received, that is what the server sent. *µs CPU per ping*: all the server's CPU over the pings "
                + "(its idle floor included). Medians of the windows; windows with more than 5% CPU steal are "
                + "discarded. *Load*: the machine's 1-minute load average at the start of each window. *Held back*: "
                + "how long the server's threads were runnable but waiting for a core (`run_delay` of "
                + "`/proc/<pid>/task/*/schedstat`, every thread summed, so a JVM also waits for its own threads on "
                + "its one core), per second of the window; where it is large, the server (and its pings) were "
                + "slowed down. *Client*: the load generator's own CPU and wait, likewise; a client near a whole "
                + "core answers pings late.\n\n");
        md.append("| server | pings | connections | CPU busy (% of a core) | µs CPU per connection per s "
                + "| pings/s | pings per connection per s | µs CPU per ping | every window (% of a core) | load "
                + "| held back (s/s) | client CPU, held back (s/s) | closed by the server |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---|---|---:|---|---:|\n");
        Map<String, List<String[]>> byServer = new LinkedHashMap<>();
        idle.forEach(f -> byServer.computeIfAbsent(f[1], k -> new ArrayList<>()).add(f));
        Map<String, Double> busy = new LinkedHashMap<>();
        byServer.forEach((server, windows) -> {
            List<String[]> kept = windows.stream().filter(f -> d(f[7]) <= MAX_STEAL).toList();
            double conns = d(windows.get(0)[2]);
            double cpuPerSecond = perSecond(kept, 4);
            double pingsPerSecond = perSecond(kept, 6);
            busy.put(server, cpuPerSecond);
            String everyWindow = windows.stream().map(f -> f1(100 * d(f[4]) / d(f[5]))
                    + (d(f[7]) > MAX_STEAL ? " (steal " + f[7] + "%, discarded)" : ""))
                    .collect(Collectors.joining(", "));
            md.append(String.format(Locale.ROOT,
                    "| %s | %s | %.0f | %s | %s | %.0f | %.2f | %s | %s | %s | %s | %s, %s | %s |%n",
                    server, windows.get(0)[11], conns, f1(100 * cpuPerSecond), f3(cpuPerSecond / conns * 1e6),
                    pingsPerSecond, pingsPerSecond / conns,
                    pingsPerSecond > 0 ? f1(cpuPerSecond / pingsPerSecond * 1e6) : "–", everyWindow,
                    windows.stream().map(f -> f[8]).collect(Collectors.joining(", ")), f3(perSecond(kept, 12)),
                    f3(perSecond(kept, 13)), f3(perSecond(kept, 14)), windows.get(windows.size() - 1)[10]));
        });
        if (busy.containsKey("node-pings")) {
            md.append('\n');
            busy.forEach((server, cpu) -> {
                if (server.startsWith("framework")) {
                    md.append(String.format(Locale.ROOT, "- %s / Node with the seed's ping loop, idle CPU: %.2f "
                            + "(at most 1 is the target)%n", server, cpu / busy.get("node-pings")));
                }
            });
        }
    }

    /** The median over the windows of one of their quantities (a field of the results line) per wall second. */
    private static double perSecond(List<String[]> windows, int field) {
        return median(windows.stream().map(f -> d(f[field]) / d(f[5])).toList());
    }

    /**
     * The servers side by side: per C, Node and each server's bare endpoint and framework, their round trips and
     * CPU per round trip as measured and relative to Node's.
     */
    private static void serversSide(StringBuilder md, List<Round> rounds, List<Platform> platforms, Set<Integer> levels) {
        md.append("\n#### The servers side by side\n\n");
        md.append("The medians of the tables above; *vs Node*: the ratio to Node's (rt/s above 1 and µs CPU/rt below 1 "
                + "are better than Node).\n\n");
        md.append("| C | server | endpoint | rt/s | rt/s vs Node | µs CPU/rt | µs CPU/rt vs Node | p99 (ms) |\n");
        md.append("|---:|---|---|---:|---:|---:|---:|---:|\n");
        for (int c : levels) {
            double nodeRtps = median(rounds, NODE, c, Round::rtps);
            double nodeCpu = median(rounds, NODE, c, Round::cpuMicrosPerRt);
            side(md, rounds, c, "Node (`ws`)", "bare", NODE, nodeRtps, nodeCpu);
            for (Platform platform : platforms) {
                side(md, rounds, c, platform.title(), "bare", platform.bare(), nodeRtps, nodeCpu);
                side(md, rounds, c, platform.title(), "framework", platform.framework(), nodeRtps, nodeCpu);
            }
        }
    }

    private static void side(StringBuilder md, List<Round> rounds, int c, String title, String endpoint, String server,
            double nodeRtps, double nodeCpu) {
        double rtps = median(rounds, server, c, Round::rtps);
        double cpu = median(rounds, server, c, Round::cpuMicrosPerRt);
        md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s |%n", c, title, endpoint,
                Double.isNaN(rtps) ? "–" : String.format(Locale.ROOT, "%.0f", rtps), ratio(rtps, nodeRtps), f1(cpu),
                ratio(cpu, nodeCpu), f3(median(rounds, server, c, Round::p99))));
    }

    /**
     * A wait for a core: the threads that ended during the round are not counted (their {@code schedstat} is gone),
     * so a server whose pool let threads go can show less at the end than at the start; such a figure means
     * nothing and is not shown.
     */
    private static String held(double seconds) {
        return seconds < 0 ? "–" : f3(seconds);
    }

    private static String ratio(double value, double reference) {
        double ratio = value / reference;
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "–" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    /**
     * The framework on the Vert.x transport beside Node, the bare Vert.x endpoint and the framework on Payara's
     * container transport (the same rounds), and against the targets (issue 15): server CPU per round trip
     * at most 0.83× Node's and at most 1.15× the bare Vert.x endpoint's, p99 no worse than Node's.
     */
    private static void vertx(StringBuilder md, List<Round> rounds, Set<Integer> levels) {
        md.append("\n#### Payara Micro, the Vert.x transport\n\n").append(ROUND_TRIP_TABLE);
        for (int c : levels) {
            for (String server : List.of(NODE, "framework", VERTX, BARE_VERTX)) {
                row(md, rounds, server, c);
            }
        }
        md.append("\n| C | µs CPU/rt Vert.x transport / Node (target ≤ 0.83) | µs CPU/rt Vert.x transport / bare Vert.x "
                + "(target ≤ 1.15) | µs CPU/rt Vert.x / container transport | p99 Vert.x vs Node (ms) "
                + "| rt/s Vert.x / Node |\n|---:|---:|---:|---:|---:|---:|\n");
        for (int c : levels) {
            double vertx = median(rounds, VERTX, c, Round::cpuMicrosPerRt);
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s vs %s | %s |%n", c,
                    ratio(vertx, median(rounds, NODE, c, Round::cpuMicrosPerRt)),
                    ratio(vertx, median(rounds, BARE_VERTX, c, Round::cpuMicrosPerRt)),
                    ratio(vertx, median(rounds, "framework", c, Round::cpuMicrosPerRt)),
                    f3(median(rounds, VERTX, c, Round::p99)), f3(median(rounds, NODE, c, Round::p99)),
                    ratio(median(rounds, VERTX, c, Round::rtps), median(rounds, NODE, c, Round::rtps))));
        }
    }

    /** The two PNG charts beside RESULTS.md, linked from it. */
    private static void charts(StringBuilder md, List<Round> rounds, List<String> servers, Set<Integer> levels, Path dir)
            throws IOException {
        Map<String, Map<Integer, Double>> rtps = new LinkedHashMap<>();
        Map<String, Map<Integer, Double>> p99 = new LinkedHashMap<>();
        for (String server : servers) {
            for (int c : levels) {
                rtps.computeIfAbsent(server, k -> new LinkedHashMap<>()).put(c, median(rounds, server, c, Round::rtps));
                p99.computeIfAbsent(server, k -> new LinkedHashMap<>()).put(c, median(rounds, server, c, Round::p99));
            }
        }
        List<Path> files = Charts.write(dir.resolve("charts"), rtps, p99);
        md.append("\n").append(files.stream().map(f -> "![" + f.getFileName() + "](charts/" + f.getFileName() + ")")
                .collect(Collectors.joining("\n"))).append("\n");
    }

    private static void row(StringBuilder md, List<Round> rounds, String server, int c) {
        List<Round> kept = rounds.stream().filter(r -> r.server().equals(server) && r.conns() == c && r.kept()).toList();
        long all = rounds.stream().filter(r -> r.server().equals(server) && r.conns() == c).count();
        if (all == 0) {
            return;
        }
        DoubleSummaryStatistics load = kept.stream().mapToDouble(Round::load).filter(l -> !Double.isNaN(l))
                .summaryStatistics();
        md.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %s | %s | %s | %s | %.2f | %s | %s | %s | %d of %d |%n", c,
                server, median(rounds, server, c, Round::rtps), f3(median(rounds, server, c, Round::p50)),
                f3(median(rounds, server, c, Round::p90)), f3(median(rounds, server, c, Round::p99)),
                f3(median(rounds, server, c, Round::p999)), median(rounds, server, c, r -> r.cpu() / r.wall()),
                f1(median(rounds, server, c, Round::cpuMicrosPerRt)),
                load.getCount() == 0 ? "–" : String.format(Locale.ROOT, "%.1f–%.1f", load.getMin(), load.getMax()),
                held(median(rounds, server, c, r -> r.waited() / r.wall())), kept.size(), all));
    }

    static double median(List<Round> rounds, String server, int c, Function<Round, Double> value) {
        return median(rounds.stream().filter(r -> r.server().equals(server) && r.conns() == c && r.kept())
                .map(value).toList());
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double d(String text) {
        return Double.parseDouble(text);
    }

    static String f3(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
    }

    static String f1(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String mb(String kb) {
        return String.format(Locale.ROOT, "%.1f", d(kb) / 1024);
    }
}
