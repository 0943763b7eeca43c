package io.yoctopus.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The load generator of the Yoctopus benchmarks, on the JDK's {@link java.net.http.WebSocket}.
 *
 * <ul>
 * <li>{@code rt}: C connections, one {@code greeter:hello} request in flight on each (closed loop); every
 * reply is compared with the exact expected text; after a warm-up, round trips/s and the latency
 * percentiles (HdrHistogram, microseconds) of a measured window, with the server's CPU seconds
 * ({@code /proc/<pid>/stat}) and the machine's CPU steal ({@code /proc/stat}) over the same window, the 1-minute
 * load average at its start, and how long the server's threads waited for a core meanwhile
 * ({@link #runQueueNanos}): on a shared machine the last two say how far the round trips/s are the server's own.
 * <li>{@code fanout}: N idle connections; the server's RSS and heap after a full GC before and after
 * opening them; then (optionally) every connection joins one chat room, and one {@code chat:message}
 * {@code create} is timed until the last connection has its notification, several times.
 * <li>{@code idle}: N idle connections that only answer the server's pings ({@link IdleClients}: one selector
 * thread, not the JDK's WebSocket, which costs too much per ping); after they have settled, the server's CPU
 * seconds over consecutive windows, with the pings the clients received meanwhile. Fails when the server closes
 * any of them or the pings are not as expected.
 * <li>{@code cluster}: the framework on one or two Payara Micro instances of one data grid ({@link ClusterRun}): the
 * latency of a chat message to receivers on the sender's instance and on the other one, then the fan-out to N
 * connections split evenly over the instances.
 * </ul>
 * Each measurement is appended to a tab-separated results file as one line; see {@link Report}.
 * Exit status 1 when any reply was wrong or missing.
 */
public final class LoadGen {

    static final long CLK_TCK = 100;   // USER_HZ on Linux

    private LoadGen() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: LoadGen rt|fanout|idle|cluster|report --key value ...");
            System.exit(2);
        }
        Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
        int status = switch (args[0]) {
            case "rt" -> roundTrips(options);
            case "fanout" -> fanOut(options);
            case "idle" -> idle(options);
            case "cluster" -> ClusterRun.run(options);
            case "report" -> Report.write(options);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        };
        System.exit(status);
    }

    // ------------------------------------------------------------------ round trips

    private static int roundTrips(Map<String, String> o) throws Exception {
        URI uri = URI.create(o.get("url"));
        int connections = Integer.parseInt(o.getOrDefault("conns", "50"));
        double warmup = Double.parseDouble(o.getOrDefault("warmup", "2"));
        double seconds = Double.parseDouble(o.getOrDefault("seconds", "10"));
        int pid = Integer.parseInt(o.getOrDefault("pid", "0"));
        String server = o.getOrDefault("server", "?");
        String round = o.getOrDefault("round", "0");

        ExecutorService executor = Executors.newFixedThreadPool(2, daemon("loadgen"));
        HttpClient http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(30)).build();
        Recorder recorder = new Recorder(3);
        LongAdder errors = new LongAdder();
        AtomicReference<String> firstError = new AtomicReference<>();
        Closed loop = new Closed(recorder, errors, firstError);

        List<Requester> clients = open(http, uri, connections, 50, i -> new Requester(i, loop));
        clients.forEach(Requester::next);
        sleep(warmup);

        String load = loadAverage();
        long cpu0 = cpuTicks(pid);
        long waited0 = pid > 0 ? runQueueNanos(pid) : 0;
        long[] stat0 = procStat();
        long errors0 = errors.sum();
        recorder.reset();
        long t0 = System.nanoTime();
        sleep(seconds);
        Histogram window = recorder.getIntervalHistogram();
        long t1 = System.nanoTime();
        long cpu1 = cpuTicks(pid);
        long waited1 = pid > 0 ? runQueueNanos(pid) : 0;
        long[] stat1 = procStat();
        long windowErrors = errors.sum() - errors0;

        loop.stop = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (clients.stream().anyMatch(c -> c.inFlight) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long stuck = clients.stream().filter(c -> c.inFlight).count();
        long silent = clients.stream().filter(c -> c.replies == 0).count();
        long total = clients.stream().mapToLong(c -> c.replies).sum();
        clients.forEach(c -> c.socket.abort());

        double wall = (t1 - t0) / 1e9;
        double cpu = pid > 0 ? (cpu1 - cpu0) / (double) CLK_TCK : Double.NaN;
        double steal = stealPercent(stat0, stat1);
        long count = window.getTotalCount();
        long failures = errors.sum() + stuck + silent;
        String line = String.join("\t", "rt", server, String.valueOf(connections), round,
                fmt(count / wall), ms(window.getValueAtPercentile(50)), ms(window.getValueAtPercentile(90)),
                ms(window.getValueAtPercentile(99)), ms(window.getValueAtPercentile(99.9)), fmt(cpu), fmt(wall),
                fmt(steal), String.valueOf(failures), String.valueOf(count), load,
                pid > 0 ? fmt((waited1 - waited0) / 1e9) : "NaN");
        append(o, line);
        System.out.printf(Locale.ROOT, "%-17s C=%-4d round %s: %9.0f rt/s  p50 %s  p90 %s  p99 %s  p99.9 %s ms"
                        + "  server CPU %.2f s of %.2f s  steal %.1f%%  load %s  errors %d (window %d)%n",
                server, connections, round, count / wall, ms(window.getValueAtPercentile(50)),
                ms(window.getValueAtPercentile(90)), ms(window.getValueAtPercentile(99)),
                ms(window.getValueAtPercentile(99.9)), cpu, wall, steal, load, errors.sum(), windowErrors);
        boolean ok = errors.sum() == 0 && stuck == 0 && silent == 0 && total > 0;
        if (!ok) {
            System.out.printf("FAILED: %d wrong replies (first: %s), %d connections without a reply, %d still waiting%n",
                    errors.sum(), firstError.get(), silent, stuck);
        } else {
            System.out.printf("checked %d replies on %d connections: all correct%n", total, connections);
        }
        executor.shutdownNow();
        return ok ? 0 : 1;
    }

    /** What every requester shares. */
    static final class Closed {
        final Recorder recorder;
        final LongAdder errors;
        final AtomicReference<String> firstError;
        volatile boolean stop;

        Closed(Recorder recorder, LongAdder errors, AtomicReference<String> firstError) {
            this.recorder = recorder;
            this.errors = errors;
            this.firstError = firstError;
        }
    }

    /** One connection of the closed loop: sends the next request when the reply to the last has arrived. */
    static final class Requester extends Socket {
        private final Closed loop;
        private final String name;
        private long seq;
        private long sentAt;
        private String expected;
        private CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null);
        volatile boolean inFlight;
        volatile long replies;

        Requester(int index, Closed loop) {
            this.loop = loop;
            this.name = "c" + index;
        }

        void next() {
            if (loop.stop) {
                inFlight = false;
                return;
            }
            inFlight = true;
            String id = Long.toString(++seq);
            String request = "{\"meta\":{\"id\":\"" + id + "\",\"endpoint\":\"greeter:hello\",\"method\":\"read\"},"
                    + "\"data\":{\"name\":\"" + name + "\"}}";
            expected = "{\"meta\":{\"id\":\"" + id + "\",\"endpoint\":\"greeter:hello\",\"method\":\"read\","
                    + "\"status\":\"ok\"},\"data\":{\"message\":\"Hello, " + name + "!\"}}";
            // one send at a time on a WebSocket: after the previous one has completed (at once, almost always)
            lastSend = lastSend.thenCompose(done -> {
                sentAt = System.nanoTime();
                return send(request, 0);
            });
            lastSend.whenComplete((done, failure) -> {
                if (failure != null) {
                    loop.errors.increment();
                    loop.firstError.compareAndSet(null, "send failed: " + failure);
                }
            });
        }

        @Override
        void message(String text) {
            long now = System.nanoTime();
            if (text.equals(expected)) {
                loop.recorder.recordValue(Math.max(1, (now - sentAt) / 1000));
            } else {
                loop.errors.increment();
                loop.firstError.compareAndSet(null, "expected " + expected + " got " + text);
            }
            replies++;
            next();
        }
    }

    // ------------------------------------------------------------------ idle connections and fan-out

    private static int fanOut(Map<String, String> o) throws Exception {
        URI uri = URI.create(o.get("url"));
        int connections = Integer.parseInt(o.getOrDefault("conns", "10000"));
        int repetitions = Integer.parseInt(o.getOrDefault("reps", "5"));
        int warmupReps = Integer.parseInt(o.getOrDefault("warmup-reps", "10"));
        int pid = Integer.parseInt(o.getOrDefault("pid", "0"));
        String server = o.getOrDefault("server", "?");
        String probe = o.getOrDefault("probe", "none");
        boolean fanout = Boolean.parseBoolean(o.getOrDefault("fanout", "true"));
        double hold = Double.parseDouble(o.getOrDefault("hold", "0"));   // seconds to keep them idle, for a heap histogram

        ExecutorService executor = Executors.newFixedThreadPool(2, daemon("loadgen"));
        HttpClient http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(60)).build();
        Fan fan = new Fan();

        if (!probe.equals("none")) {   // the first connections load classes and compile code: not per connection
            open(http, uri, 200, 100, i -> new Listener(fan)).forEach(c -> c.socket.abort());
            sleep(2);
        }
        String histograms = o.get("histograms");   // file name prefix: keeps the class histograms of a JVM
        long[] before = memory(probe, pid, histograms == null ? null : Path.of(histograms + "-before.histo"));
        long opening = System.nanoTime();
        List<Listener> clients = open(http, uri, connections, 200, i -> new Listener(fan));
        System.out.printf("%s: %d connections open in %.1f s%n", server, connections, (System.nanoTime() - opening) / 1e9);
        boolean ok = true;
        if (!probe.equals("none")) {
            sleep(2);
            long[] after = memory(probe, pid, histograms == null ? null : Path.of(histograms + "-after.histo"));
            double rss = (after[0] - before[0]) * 1024.0 / connections;
            double heap = (after[1] - before[1]) * 1024.0 / connections;
            append(o, String.join("\t", "mem", server, String.valueOf(connections), String.valueOf(before[0]),
                    String.valueOf(after[0]), String.valueOf(before[1]), String.valueOf(after[1]), fmt(rss), fmt(heap)));
            System.out.printf(Locale.ROOT, "%s: %d idle connections: RSS %d -> %d KB (%.0f B each), heap after GC "
                    + "%d -> %d KB (%.0f B each)%n", server, connections, before[0], after[0], rss, before[1], after[1], heap);
        }
        if (hold > 0) {
            System.out.printf("%s: holding %d idle connections for %.0f s%n", server, connections, hold);
            sleep(hold);
        }
        if (fanout) {
            fan.expect("\"status\":\"ok\"", connections);
            for (Listener client : clients) {
                client.send("{\"meta\":{\"id\":\"join\",\"endpoint\":\"chat:room\",\"method\":\"update\"},"
                        + "\"data\":{\"room\":\"bench\"}}", 0);
            }
            ok = fan.await(120) && fan.wrong.get() == 0;
            System.out.printf("%s: %d connections joined room bench%s%n", server, connections, ok ? "" : " (FAILED)");
            // the first fan-outs compile the send path: warm-up repetitions are run and not recorded
            for (int rep = 1 - warmupReps; rep <= repetitions && ok; rep++) {
                String text = "fan-" + rep;
                fan.expect("\"text\":\"" + text + "\"", connections);
                long[] stat0 = procStat();
                long cpu0 = cpuTicks(pid);
                long t0 = System.nanoTime();
                fan.start = t0;
                clients.get(0).send("{\"meta\":{\"id\":\"m" + rep + "\",\"endpoint\":\"chat:message\","
                        + "\"method\":\"create\"},\"data\":{\"text\":\"" + text + "\"}}", 0);
                ok = fan.await(120) && fan.wrong.get() == 0;
                double elapsed = (fan.last.get() - t0) / 1e6;
                double cpuMillis = (cpuTicks(pid) - cpu0) * 1000.0 / CLK_TCK;   // the server's, in 10 ms ticks
                double steal = stealPercent(stat0, procStat());
                if (ok && rep >= 1) {
                    append(o, String.join("\t", "fan", server, String.valueOf(connections), String.valueOf(rep),
                            fmt(elapsed), fmt(steal), fmt(cpuMillis)));
                    System.out.printf(Locale.ROOT, "%s: fan-out %d to %d connections: last received after %.1f ms, "
                            + "server CPU %.0f ms (steal %.1f%%)%n", server, rep, connections, elapsed, cpuMillis, steal);
                }
                sleep(0.5);
            }
            if (!ok) {
                System.out.printf("FAILED: %d of the expected messages missing, %d wrong (first: %s)%n",
                        fan.latch.getCount(), fan.wrong.get(), fan.firstWrong.get());
            }
        }
        clients.forEach(c -> c.socket.abort());
        executor.shutdownNow();
        return ok ? 0 : 1;
    }

    /** The expectation of the current fan-out step, shared by every listener. */
    static final class Fan {
        volatile String marker = "";
        volatile CountDownLatch latch = new CountDownLatch(0);
        volatile long start;
        final AtomicLong last = new AtomicLong();
        final AtomicInteger wrong = new AtomicInteger();
        final AtomicReference<String> firstWrong = new AtomicReference<>();
        final AtomicInteger closed = new AtomicInteger();
        final AtomicReference<String> firstClose = new AtomicReference<>();

        void expect(String newMarker, int count) {
            last.set(0);
            latch = new CountDownLatch(count);
            marker = newMarker;
        }

        boolean await(int seconds) throws InterruptedException {
            return latch.await(seconds, TimeUnit.SECONDS);
        }
    }

    /** A connection that counts what the current fan-out step expects (and ignores the sender's reply). */
    static final class Listener extends Socket {
        private final Fan fan;

        Listener(Fan fan) {
            this.fan = fan;
        }

        @Override
        void message(String text) {
            long now = System.nanoTime();
            if (text.startsWith("{\"meta\":{\"id\":\"m")) {
                return;   // the sender's own reply to chat:message create
            }
            if (text.contains(fan.marker)) {
                fan.last.accumulateAndGet(now, Math::max);
                fan.latch.countDown();
            } else {
                fan.wrong.incrementAndGet();
                fan.firstWrong.compareAndSet(null, text);
            }
        }

        /** A connection the server closed (a starved client that answered no pings, say) misses what follows. */
        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            fan.closed.incrementAndGet();
            fan.firstClose.compareAndSet(null, statusCode + " " + reason);
            return null;
        }
    }

    // ------------------------------------------------------------------ idle connections: the server's CPU

    private static int idle(Map<String, String> o) throws Exception {
        URI uri = URI.create(o.get("url"));
        int connections = Integer.parseInt(o.getOrDefault("conns", "10000"));
        int pid = Integer.parseInt(o.getOrDefault("pid", "0"));
        String server = o.getOrDefault("server", "?");
        String pinging = o.getOrDefault("pinging", "?");   // how the server pings, for the report
        boolean pingsExpected = Boolean.parseBoolean(o.getOrDefault("pings", "true"));
        int prewarm = Integer.parseInt(o.getOrDefault("prewarm", "200"));
        double settle = Double.parseDouble(o.getOrDefault("settle", "10"));
        double seconds = Double.parseDouble(o.getOrDefault("window", "10"));
        int windows = Integer.parseInt(o.getOrDefault("windows", "3"));
        if (pid <= 0) {
            throw new IllegalArgumentException("idle needs the server's --pid");
        }

        if (prewarm > 0) {   // the first connections load classes and compile code: not per connection
            try (IdleClients first = new IdleClients(uri, new Idle())) {
                first.open(prewarm, 100, 60);
            }
            sleep(2);
        }
        Idle idle = new Idle();
        IdleClients clients = new IdleClients(uri, idle);
        long opening = System.nanoTime();
        clients.open(connections, 200, 60);
        System.out.printf(Locale.ROOT, "%s: %d connections open in %.1f s; settling for %.0f s%n", server, connections,
                (System.nanoTime() - opening) / 1e9, settle);
        sleep(settle);

        boolean ok = true;
        for (int window = 1; window <= windows; window++) {
            String load0 = loadAverage();
            long pings0 = idle.pings.sum();
            long cpu0 = cpuTicks(pid);
            long self0 = cpuTicks((int) ProcessHandle.current().pid());
            long waited0 = runQueueNanos(pid);
            long selfWaited0 = runQueueNanos((int) ProcessHandle.current().pid());
            long[] stat0 = procStat();
            long t0 = System.nanoTime();
            sleep(seconds);
            long cpu1 = cpuTicks(pid);
            long self1 = cpuTicks((int) ProcessHandle.current().pid());
            long waited1 = runQueueNanos(pid);
            long selfWaited1 = runQueueNanos((int) ProcessHandle.current().pid());
            long t1 = System.nanoTime();
            long[] stat1 = procStat();
            long pings = idle.pings.sum() - pings0;
            String load1 = loadAverage();
            double wall = (t1 - t0) / 1e9;
            double cpu = (cpu1 - cpu0) / (double) CLK_TCK;
            double clientCpu = (self1 - self0) / (double) CLK_TCK;
            double waited = (waited1 - waited0) / 1e9;
            double clientWaited = (selfWaited1 - selfWaited0) / 1e9;
            double steal = stealPercent(stat0, stat1);
            long closed = idle.closed.sum();
            boolean windowOk = closed == 0 && (pingsExpected ? pings > 0 : pings == 0);
            ok &= windowOk;
            append(o, String.join("\t", "idle", server, String.valueOf(connections), String.valueOf(window),
                    fmt(cpu), fmt(wall), String.valueOf(pings), fmt(steal), load0, load1, String.valueOf(closed),
                    pinging, fmt(waited), fmt(clientCpu), fmt(clientWaited)));
            System.out.printf(Locale.ROOT, "%s: idle window %d: server CPU %.2f s of %.2f s (%.1f%% of a core, "
                            + "%.2f µs per connection per s), %d pings received (%.2f per connection per s), "
                            + "steal %.1f%%, load %s -> %s, %d connections closed by the server; runnable but waiting "
                            + "for a core: server %.2f s, client %.2f s; client CPU %.2f s%s%n", server, window,
                    cpu, wall, 100 * cpu / wall, cpu / wall / connections * 1e6, pings, pings / wall / connections,
                    steal, load0, load1, closed, waited, clientWaited, clientCpu, windowOk ? "" : " (FAILED)");
        }
        if (!ok) {
            System.out.printf("FAILED: %d of %d connections closed (first: %s); pings %s%n", idle.closed.sum(),
                    connections, idle.firstClose.get(), pingsExpected ? "expected in every window" : "not expected");
        } else {
            System.out.printf("%d idle connections stayed open (%d text messages received)%n", connections,
                    idle.texts.sum());
        }
        clients.abortAll();
        return ok ? 0 : 1;
    }

    /** What the idle connections share. */
    static final class Idle {
        final LongAdder pings = new LongAdder();
        final LongAdder texts = new LongAdder();
        final LongAdder closed = new LongAdder();
        final AtomicReference<String> firstClose = new AtomicReference<>();

        void closed(String why) {
            closed.increment();
            firstClose.compareAndSet(null, why);
        }
    }

    // ------------------------------------------------------------------ sockets

    /** A WebSocket listener that assembles text messages and asks for one frame at a time. */
    abstract static class Socket implements WebSocket.Listener {
        WebSocket socket;
        private StringBuilder partial;

        abstract void message(String text);

        /**
         * The JDK's WebSocket may still refuse a send with "Send pending" just after the previous send's
         * future has completed, or while it answers a ping with a pong: the client's own race, so try again shortly.
         */
        CompletableFuture<WebSocket> send(String request, int attempt) {
            return socket.sendText(request, true).exceptionallyCompose(failure ->
                    attempt < 100 && (failure instanceof IllegalStateException
                            || failure.getCause() instanceof IllegalStateException)
                            ? CompletableFuture.supplyAsync(() -> request,
                                    CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS))
                                    .thenCompose(again -> send(again, attempt + 1))
                            : CompletableFuture.failedFuture(failure));
        }


        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!last) {
                (partial == null ? partial = new StringBuilder() : partial).append(data);
            } else if (partial != null && partial.length() > 0) {
                String text = partial.append(data).toString();
                partial.setLength(0);
                message(text);
            } else {
                message(data.toString());
            }
            webSocket.request(1);
            return null;
        }
    }

    interface Factory<T> {
        T create(int index);
    }

    /** Opens the connections, at most {@code parallel} handshakes at a time. */
    static <T extends Socket> List<T> open(HttpClient http, URI uri, int count, int parallel, Factory<T> factory)
            throws InterruptedException {
        List<T> sockets = new ArrayList<>(count);
        Semaphore permits = new Semaphore(parallel);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch opened = new CountDownLatch(count);
        for (int i = 0; i < count && failure.get() == null; i++) {
            T socket = factory.create(i);
            sockets.add(socket);
            permits.acquire();
            http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(60)).buildAsync(uri, socket)
                    .whenComplete((ws, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        } else {
                            socket.socket = ws;
                        }
                        permits.release();
                        opened.countDown();
                    });
        }
        for (int neverStarted = sockets.size(); neverStarted < count; neverStarted++) {
            opened.countDown();   // a failure stopped the opening: wait only for the handshakes under way
        }
        if (!opened.await(300, TimeUnit.SECONDS) || failure.get() != null) {
            throw new IllegalStateException("could not open " + count + " connections to " + uri, failure.get());
        }
        return sockets;
    }

    // ------------------------------------------------------------------ /proc and memory probes

    /** utime + stime of a process, in clock ticks. */
    static long cpuTicks(int pid) throws IOException {
        if (pid <= 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);   // fields 14 and 15 of stat(5)
    }

    /** The aggregate cpu line of /proc/stat: total jiffies and steal jiffies. */
    static long[] procStat() throws IOException {
        String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
        String[] f = line.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) {   // user nice system idle iowait irq softirq steal
            total += Long.parseLong(f[i]);
        }
        return new long[] {total, f.length > 8 ? Long.parseLong(f[8]) : 0};
    }

    /**
     * How long the threads of a process have been runnable but waiting for a core, in nanoseconds: the sum of
     * {@code run_delay} in {@code /proc/<pid>/task/<tid>/schedstat} (threads that ended meanwhile are not counted).
     * On a shared machine it shows how much a server was held back by other processes.
     */
    static long runQueueNanos(int pid) throws IOException {
        long total = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    total += Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[1]);
                } catch (IOException ended) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return total;
    }

    /** The 1-minute load average of the machine, from /proc/loadavg. */
    static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    static double stealPercent(long[] before, long[] after) {
        long total = after[0] - before[0];
        return total <= 0 ? 0 : 100.0 * (after[1] - before[1]) / total;
    }

    /**
     * {RSS KB, live heap KB} of the server; a JVM's class histogram is kept in {@code histogramFile} when
     * that is not null.
     */
    private static long[] memory(String probe, int pid, Path histogramFile) throws Exception {
        if (probe.equals("none")) {
            return new long[2];
        }
        long heap;
        if (probe.equals("jvm")) {
            // the class histogram's total counts the bytes of live objects exactly (it runs a full GC first);
            // G1's "used" after a GC also counts the unused rest of partly filled regions
            String histogram = run("jcmd", String.valueOf(pid), "GC.class_histogram");
            if (histogramFile != null) {
                Files.writeString(histogramFile, histogram);
            }
            Matcher total = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$").matcher(histogram);
            if (!total.find()) {
                throw new IllegalStateException("no total in the class histogram of " + pid);
            }
            heap = Long.parseLong(total.group(1)) / 1024;
        } else if (probe.startsWith("node:")) {
            Path file = Path.of(probe.substring(5));
            Files.deleteIfExists(file);
            run("kill", "-USR2", String.valueOf(pid));
            for (int i = 0; i < 100 && !Files.exists(file); i++) {
                Thread.sleep(100);
            }
            Thread.sleep(100);
            Matcher used = Pattern.compile("\"heapUsed\":(\\d+)").matcher(Files.readString(file));
            if (!used.find()) {
                throw new IllegalStateException("no heapUsed in " + file);
            }
            heap = Long.parseLong(used.group(1)) / 1024;
        } else {
            throw new IllegalArgumentException("unknown probe " + probe);
        }
        Thread.sleep(500);
        long rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                .findFirst().orElseThrow();
        return new long[] {rss, heap};
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    // ------------------------------------------------------------------ helpers

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --key, got " + args[i]);
            }
            options.put(args[i].substring(2), i + 1 < args.length ? args[++i] : "");
        }
        return options;
    }

    static void append(Map<String, String> o, String line) throws IOException {
        String out = o.get("out");
        if (out != null) {
            Files.writeString(Path.of(out), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    static void sleep(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
