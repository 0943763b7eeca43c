import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Commit-to-client latency of data-changed notifications: SUBSCRIBERS connections (auto-subscribed to Post
 * by the demo), one writer that creates posts one after another through bench:post, which answers the
 * wall-clock time of the commit. For every post and every subscriber: arrival time minus commit time
 * (same machine, same clock).
 *
 *   java Client.java ws://127.0.0.1:8080/ws SUBSCRIBERS WARMUP CHANGES
 */
public class Client {

    static final Pattern FIELD_ID = Pattern.compile("\"fields\":\\{\"id\":(\\d+)");
    static final Pattern RESPONSE = Pattern.compile("\"id\":(\\d+)|\"committedAtMicros\":(-?\\d+)");

    /** Arrival times per post id. */
    static final ConcurrentMap<Long, long[]> ARRIVALS = new ConcurrentHashMap<>();
    static final ConcurrentMap<Long, AtomicInteger> COUNTS = new ConcurrentHashMap<>();
    static final ConcurrentMap<Long, CountDownLatch> DONE = new ConcurrentHashMap<>();
    static int subscribers;

    static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        subscribers = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int changes = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newHttpClient();

        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            opening.add(http.newWebSocketBuilder().buildAsync(uri, new Subscriber()));
            if (i % 100 == 99) {
                CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            }
        }
        CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        System.out.println(subscribers + " subscribers connected");

        Writer writer = new Writer();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(uri, writer).get(30, TimeUnit.SECONDS);
        writer.call(ws, "auth:session", "create", "{\"username\":\"bench\",\"password\":\"secret\"}");
        Thread.sleep(500);

        long[] perSubscriber = new long[changes * subscribers];
        long[] lastSubscriber = new long[changes];
        int samples = 0;
        for (int round = 0; round < warmup + changes; round++) {
            String response = writer.call(ws, "bench:post", "create", "{\"title\":\"bench " + round + "\"}");
            long id = -1;
            long committed = -1;
            Matcher m = RESPONSE.matcher(response.substring(response.indexOf("\"data\"")));
            while (m.find()) {
                if (m.group(1) != null) {
                    id = Long.parseLong(m.group(1));
                } else {
                    committed = Long.parseLong(m.group(2));
                }
            }
            CountDownLatch done = DONE.computeIfAbsent(id, k -> new CountDownLatch(1));
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("post " + id + ": only " + COUNTS.get(id) + " notifications arrived");
            }
            long[] arrivals = ARRIVALS.remove(id);
            if (round >= warmup) {
                long last = 0;
                for (long arrival : arrivals) {
                    long latency = arrival - committed;
                    perSubscriber[samples++] = latency;
                    last = Math.max(last, latency);
                }
                lastSubscriber[round - warmup] = last;
            }
        }
        Arrays.sort(perSubscriber, 0, samples);
        Arrays.sort(lastSubscriber);
        System.out.printf("changes: %d (after %d warm-up), subscribers: %d, samples: %d%n", changes, warmup, subscribers,
                samples);
        System.out.printf("commit->client, every subscriber: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                pct(perSubscriber, samples, 50), pct(perSubscriber, samples, 99), perSubscriber[samples - 1] / 1000.0);
        System.out.printf("commit->last of %d subscribers (fan-out complete): p50 %.2f ms, p99 %.2f ms%n", subscribers,
                pct(lastSubscriber, changes, 50), pct(lastSubscriber, changes, 99));
        System.exit(0);
    }

    static double pct(long[] sorted, int n, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, index))] / 1000.0;
    }

    static final class Subscriber implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                long at = nowMicros();
                Matcher m = FIELD_ID.matcher(text);
                if (m.find()) {
                    long id = Long.parseLong(m.group(1));
                    long[] arrivals = ARRIVALS.computeIfAbsent(id, k -> new long[subscribers]);
                    int n = COUNTS.computeIfAbsent(id, k -> new AtomicInteger()).getAndIncrement();
                    arrivals[n] = at;
                    if (n + 1 == subscribers) {
                        DONE.computeIfAbsent(id, k -> new CountDownLatch(1)).countDown();
                    }
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    /** The writer: one request at a time; its own notifications are ignored. */
    static final class Writer implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private volatile CompletableFuture<String> pending;
        private int ids;

        String call(WebSocket ws, String endpoint, String method, String data) throws Exception {
            pending = new CompletableFuture<>();
            ws.sendText("{\"meta\":{\"id\":\"w" + (++ids) + "\",\"endpoint\":\"" + endpoint + "\",\"method\":\""
                    + method + "\"},\"data\":" + data + "}", true).get(10, TimeUnit.SECONDS);
            String response = pending.get(30, TimeUnit.SECONDS);
            if (!response.contains("\"status\":\"ok\"")) {
                throw new IllegalStateException(response);
            }
            return response;
        }

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                if (message.contains("\"status\":")) {
                    pending.complete(message);
                }
            }
            ws.request(1);
            return null;
        }
    }
}
