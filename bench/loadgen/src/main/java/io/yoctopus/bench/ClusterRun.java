package io.yoctopus.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * {@code LoadGen cluster}: the framework on the Payara Micro instances of one data grid (bench/run.sh, scenario
 * {@code cluster}), every client in this one JVM, so that every latency is read on one clock.
 *
 * <ol>
 * <li>Latency: one sender on the first instance and {@code --receivers} connections split evenly over the instances
 * join one chat room; once a probe message from the sender has reached every receiver (the grid carries multicasts
 * only once the instances see each other), {@code --messages} {@code chat:message}s are sent one at a time,
 * {@code --spacing} ms apart, after unrecorded warm-up ones. Per instance: the latency from the send to each
 * receiver's notification (HdrHistogram), and whether every receiver got every message exactly once and in order.
 * <li>Fan-out: {@code --conns} connections split evenly over the instances join another room; one {@code
 * chat:message} from a connection of the first instance, timed until the last connection has it, {@code --reps}
 * times after unrecorded warm-up repetitions; with the time the last connection of each instance had it and the
 * CPU time of every instance meanwhile.
 * </ol>
 * Results lines: {@code clat} per instance, {@code cfan} per repetition ({@link Report}). With one URL it measures
 * the same on one instance alone: the baseline.
 */
final class ClusterRun {

    private static final String[] INSTANCES = {"A", "B", "C", "D"};

    private ClusterRun() {
    }

    static int run(Map<String, String> o) throws Exception {
        List<URI> urls = Arrays.stream(o.get("urls").split(",")).map(URI::create).toList();
        int[] pids = Arrays.stream(o.getOrDefault("pids", "0").split(",")).mapToInt(Integer::parseInt).toArray();
        if (urls.size() > INSTANCES.length || pids.length != urls.size()) {
            throw new IllegalArgumentException("cluster needs one --pids entry per --urls entry, at most "
                    + INSTANCES.length);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, LoadGen.daemon("loadgen"));
        HttpClient http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(60)).build();
        try {
            boolean ok = latency(o, http, urls) && fanOut(o, http, urls, pids);
            return ok ? 0 : 1;
        } finally {
            executor.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ latency: receivers on each instance

    private static boolean latency(Map<String, String> o, HttpClient http, List<URI> urls) throws Exception {
        String server = o.getOrDefault("server", "?");
        int receivers = Integer.parseInt(o.getOrDefault("receivers", "20"));
        int messages = Integer.parseInt(o.getOrDefault("messages", "2000"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup-messages", "500"));
        double spacing = Double.parseDouble(o.getOrDefault("spacing", "10"));
        int perInstance = receivers / urls.size();

        Timing timing = new Timing(warmup + messages, warmup, urls.size(), perInstance * messages);
        Receiver sender = LoadGen.open(http, urls.get(0), 1, 1, i -> new Receiver(timing, -1)).get(0);
        List<Receiver> all = new ArrayList<>();
        for (int instance = 0; instance < urls.size(); instance++) {
            int index = instance;
            all.addAll(LoadGen.open(http, urls.get(instance), perInstance, 50, i -> new Receiver(timing, index)));
        }
        timing.joined = new CountDownLatch(all.size() + 1);
        for (Receiver client : concat(sender, all)) {
            client.send(join("lat"), 0);
        }
        if (!timing.joined.await(60, TimeUnit.SECONDS) || timing.wrong.sum() > 0) {
            return failed("%s: %d receivers did not join room lat (first wrong: %s)", server, timing.joined.getCount(),
                    timing.firstWrong.get());
        }
        // the instances publish to each other only once each sees the other: probe until every receiver has one
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (int probe = 1; all.stream().anyMatch(r -> !r.probed); probe++) {
            if (System.nanoTime() > deadline) {
                return failed("%s: %d of %d receivers never got a probe message", server,
                        all.stream().filter(r -> !r.probed).count(), all.size());
            }
            sender.send(message("p" + probe, "probe-" + probe), 0).get(10, TimeUnit.SECONDS);
            LoadGen.sleep(0.25);
        }
        LoadGen.sleep(1);   // the last probes arrive before the timed messages start
        String load = LoadGen.loadAverage();
        long parkNanos = (long) (spacing * 1e6);
        for (int seq = 1; seq <= warmup + messages; seq++) {
            timing.sentAt.set(seq, System.nanoTime());
            sender.send(message("l" + seq, "lat-" + seq), 0).get(10, TimeUnit.SECONDS);
            LockSupport.parkNanos(parkNanos);
        }
        boolean ok = true;
        for (int instance = 0; instance < urls.size(); instance++) {
            ok &= timing.arrived[instance].await(60, TimeUnit.SECONDS);
        }
        LoadGen.sleep(1);   // duplicates, if any, arrive meanwhile
        for (int instance = 0; instance < urls.size(); instance++) {
            Histogram latencies = timing.recorders[instance].getIntervalHistogram();
            long received = timing.received[instance].sum();
            long disorder = timing.disorder[instance].sum();
            boolean instanceOk = received == (long) perInstance * messages && disorder == 0;
            ok &= instanceOk;
            LoadGen.append(o, String.join("\t", "clat", server, INSTANCES[instance], String.valueOf(perInstance),
                    String.valueOf(messages), LoadGen.ms(latencies.getValueAtPercentile(50)),
                    LoadGen.ms(latencies.getValueAtPercentile(90)), LoadGen.ms(latencies.getValueAtPercentile(99)),
                    LoadGen.ms(latencies.getValueAtPercentile(99.9)), LoadGen.ms(latencies.getMaxValue()), load,
                    String.valueOf(received), String.valueOf(disorder), LoadGen.fmt(spacing)));
            System.out.printf(Locale.ROOT, "%s: %d messages %.0f ms apart to %d receivers on instance %s: p50 %s  "
                            + "p90 %s  p99 %s  p99.9 %s  max %s ms; %d of %d received, %d out of order or twice%s%n",
                    server, messages, spacing, perInstance, INSTANCES[instance],
                    LoadGen.ms(latencies.getValueAtPercentile(50)), LoadGen.ms(latencies.getValueAtPercentile(90)),
                    LoadGen.ms(latencies.getValueAtPercentile(99)), LoadGen.ms(latencies.getValueAtPercentile(99.9)),
                    LoadGen.ms(latencies.getMaxValue()), received, (long) perInstance * messages, disorder,
                    instanceOk ? "" : " (FAILED)");
        }
        if (timing.wrong.sum() > 0) {
            ok = failed("%s: %d unexpected messages (first: %s)", server, timing.wrong.sum(), timing.firstWrong.get());
        }
        concat(sender, all).forEach(c -> c.socket.abort());
        return ok;
    }

    /** What the latency phase's connections share: when each message was sent, and what arrived where. */
    static final class Timing {
        final AtomicLongArray sentAt;
        final int warmup;
        final Recorder[] recorders;
        final LongAdder[] received;
        final LongAdder[] disorder;
        final CountDownLatch[] arrived;
        final LongAdder wrong = new LongAdder();
        final AtomicReference<String> firstWrong = new AtomicReference<>();
        volatile CountDownLatch joined = new CountDownLatch(0);

        Timing(int messages, int warmup, int instances, int expectedPerInstance) {
            this.sentAt = new AtomicLongArray(messages + 1);
            this.warmup = warmup;
            this.recorders = new Recorder[instances];
            this.received = new LongAdder[instances];
            this.disorder = new LongAdder[instances];
            this.arrived = new CountDownLatch[instances];
            for (int i = 0; i < instances; i++) {
                recorders[i] = new Recorder(3);
                received[i] = new LongAdder();
                disorder[i] = new LongAdder();
                arrived[i] = new CountDownLatch(expectedPerInstance);
            }
        }

        void wrong(String text) {
            wrong.increment();
            firstWrong.compareAndSet(null, text);
        }
    }

    /**
     * A connection of the latency phase on instance {@code instance} ({@code -1}: the sender, which counts nothing
     * but its own replies' status).
     */
    static final class Receiver extends LoadGen.Socket {
        private static final String LATENCY = "\"text\":\"lat-";
        private final Timing timing;
        private final int instance;
        private int lastSeq;
        volatile boolean probed;

        Receiver(Timing timing, int instance) {
            this.timing = timing;
            this.instance = instance;
        }

        @Override
        void message(String text) {
            long now = System.nanoTime();
            if (text.startsWith("{\"meta\":{\"id\":")) {   // a reply: the join's, or the sender's to its messages
                if (!text.contains("\"status\":\"ok\"")) {
                    timing.wrong(text);
                } else if (text.startsWith("{\"meta\":{\"id\":\"join\"")) {
                    timing.joined.countDown();
                }
                return;
            }
            if (instance < 0) {
                return;   // the sender's own notifications
            }
            int at = text.indexOf(LATENCY);
            if (at < 0) {
                if (text.contains("\"text\":\"probe-")) {
                    probed = true;
                } else {
                    timing.wrong(text);
                }
                return;
            }
            int start = at + LATENCY.length();
            int seq = Integer.parseInt(text, start, text.indexOf('"', start), 10);
            if (seq <= lastSeq) {
                timing.disorder[instance].increment();
            }
            lastSeq = Math.max(lastSeq, seq);
            if (seq > timing.warmup) {
                timing.recorders[instance].recordValue(Math.max(1, (now - timing.sentAt.get(seq)) / 1000));
                timing.received[instance].increment();
                timing.arrived[instance].countDown();
            }
        }
    }

    // ------------------------------------------------------------------ fan-out over the instances

    private static boolean fanOut(Map<String, String> o, HttpClient http, List<URI> urls, int[] pids) throws Exception {
        String server = o.getOrDefault("server", "?");
        int connections = Integer.parseInt(o.getOrDefault("conns", "10000"));
        int repetitions = Integer.parseInt(o.getOrDefault("reps", "100"));
        int warmupReps = Integer.parseInt(o.getOrDefault("warmup-reps", "20"));
        int perInstance = connections / urls.size();

        LoadGen.Fan[] fans = new LoadGen.Fan[urls.size()];
        List<List<LoadGen.Listener>> clients = new ArrayList<>();
        long opening = System.nanoTime();
        for (int instance = 0; instance < urls.size(); instance++) {
            LoadGen.Fan fan = new LoadGen.Fan();
            fans[instance] = fan;
            clients.add(LoadGen.open(http, urls.get(instance), perInstance, 200, i -> new LoadGen.Listener(fan)));
        }
        System.out.printf(Locale.ROOT, "%s: %d connections open on %d instance(s) in %.1f s%n", server,
                perInstance * urls.size(), urls.size(), (System.nanoTime() - opening) / 1e9);
        expect(fans, "\"status\":\"ok\"", perInstance);
        for (List<LoadGen.Listener> instance : clients) {
            for (LoadGen.Listener client : instance) {
                client.send(join("bench"), 0);
            }
        }
        boolean ok = await(fans);
        System.out.printf("%s: %d connections joined room bench%s%n", server, perInstance * urls.size(),
                ok ? "" : " (FAILED)");
        LoadGen.Listener sender = clients.get(0).get(0);
        // the first fan-outs compile the send path on every instance: warm-up repetitions are not recorded
        for (int rep = 1 - warmupReps; rep <= repetitions && ok; rep++) {
            String text = "fan-" + rep;
            expect(fans, "\"text\":\"" + text + "\"", perInstance);
            String load = LoadGen.loadAverage();
            long[] stat0 = LoadGen.procStat();
            long cpu0 = cpuTicks(pids);
            long t0 = System.nanoTime();
            sender.send(message("m" + rep, text), 0);
            ok = await(fans);
            double cpuMillis = (cpuTicks(pids) - cpu0) * 1000.0 / LoadGen.CLK_TCK;   // every instance's, 10 ms ticks
            double steal = LoadGen.stealPercent(stat0, LoadGen.procStat());
            List<String> lastPerInstance = Arrays.stream(fans).map(f -> LoadGen.fmt((f.last.get() - t0) / 1e6)).toList();
            double elapsed = Arrays.stream(fans).mapToLong(f -> f.last.get()).max().orElseThrow() - t0;
            if (ok && rep >= 1) {
                LoadGen.append(o, String.join("\t", "cfan", server, String.valueOf(perInstance * urls.size()),
                        String.valueOf(urls.size()), String.valueOf(rep), LoadGen.fmt(elapsed / 1e6),
                        LoadGen.fmt(steal), LoadGen.fmt(cpuMillis), load, String.join(",", lastPerInstance)));
                System.out.printf(Locale.ROOT, "%s: fan-out %d to %d connections: last received after %.1f ms "
                                + "(per instance %s), CPU of the instances %.0f ms (steal %.1f%%, load %s)%n", server,
                        rep, perInstance * urls.size(), elapsed / 1e6, lastPerInstance, cpuMillis, steal, load);
            }
            LoadGen.sleep(0.5);
        }
        if (!ok) {
            for (int instance = 0; instance < fans.length; instance++) {
                failed("%s: instance %s: %d of the expected messages missing, %d wrong (first: %s), %d connections "
                                + "closed by the server (first: %s)", server, INSTANCES[instance],
                        fans[instance].latch.getCount(), fans[instance].wrong.get(), fans[instance].firstWrong.get(),
                        fans[instance].closed.get(), fans[instance].firstClose.get());
            }
        }
        clients.forEach(instance -> instance.forEach(c -> c.socket.abort()));
        return ok;
    }

    private static void expect(LoadGen.Fan[] fans, String marker, int count) {
        for (LoadGen.Fan fan : fans) {
            fan.expect(marker, count);
        }
    }

    private static boolean await(LoadGen.Fan[] fans) throws InterruptedException {
        boolean ok = true;
        for (LoadGen.Fan fan : fans) {
            ok &= fan.await(120) && fan.wrong.get() == 0;
        }
        return ok;
    }

    private static long cpuTicks(int[] pids) throws IOException {
        long total = 0;
        for (int pid : pids) {
            total += LoadGen.cpuTicks(pid);
        }
        return total;
    }

    // ------------------------------------------------------------------ the requests

    private static String join(String room) {
        return "{\"meta\":{\"id\":\"join\",\"endpoint\":\"chat:room\",\"method\":\"update\"},\"data\":{\"room\":\""
                + room + "\"}}";
    }

    private static String message(String id, String text) {
        return "{\"meta\":{\"id\":\"" + id + "\",\"endpoint\":\"chat:message\",\"method\":\"create\"},"
                + "\"data\":{\"text\":\"" + text + "\"}}";
    }

    private static List<Receiver> concat(Receiver first, List<Receiver> rest) {
        List<Receiver> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static boolean failed(String format, Object... args) {
        System.out.printf("FAILED: " + format + "%n", args);
        return false;
    }
}
