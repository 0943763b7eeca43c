package io.yoctopus.it;

import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Random and mutated frames for {@code TransportIT}: valid requests of the demo plugins mutated
 * character-wise, the same requests with hostile values (huge numbers, lone surrogates, control
 * characters, deep but allowed nesting), JSON token soup, unicode soup, long strings under the size limit,
 * empty frames, random binary frames, valid messages split into fragments; then, one connection each,
 * frames that break the protocol (not UTF-8, reserved bits and opcodes, bad control frames).
 *
 * <p>Everything the first part sends is valid UTF-8 under the size limit, so no connection may be closed
 * by it; its frames are paced under the server's rate limit (which counts every frame) so that those that
 * parse as requests go all the way through the dispatcher.
 */
final class Fuzzer {

    private static final JsonProvider JSON = JsonProvider.provider();

    /** Requests of the demo and core plugins, with {@code ID} for the id. */
    private static final List<String> TEMPLATES = List.of(
            "{\"meta\":{\"id\":\"ID\",\"endpoint\":\"greeter:hello\",\"method\":\"read\"},\"data\":{\"name\":\"Alice\"}}",
            "{\"meta\":{\"id\":\"ID\",\"endpoint\":\"formats:all-types\",\"method\":\"create\"},\"data\":{\"s\":\"text\","
                    + "\"n\":3.5,\"b\":true,\"a\":[1,\"two\",{\"three\":3}],\"o\":{\"k\":\"v\"},\"e\":\"alice@example.com\","
                    + "\"h\":\"api.example.com\",\"d\":\"2024-02-29T12:00:00Z\",\"u\":\"pending\",\"c\":2,\"nested\":{\"user\":"
                    + "{\"name\":\"Alice\",\"address\":{\"street\":\"Main St 1\",\"city\":\"Springfield\",\"zip\":\"12345\"}}}}}",
            "{\"meta\":{\"id\":\"ID\",\"endpoint\":\"auth:session\",\"method\":\"create\"},\"data\":{\"username\":\"bob\",\"password\":\"secret\"}}",
            "{\"meta\":{\"id\":\"ID\",\"endpoint\":\"auth:session\",\"method\":\"delete\"},\"data\":{}}",
            "{\"meta\":{\"id\":\"ID\",\"endpoint\":\"auth:profile\",\"method\":\"read\"},\"data\":{}}",
            "{\"meta\":{\"id\":\"ID\",\"endpoint\":\"auth:dashboard\",\"method\":\"read\"},\"data\":{}}",
            "{\"meta\":{\"id\":\"ID\",\"endpoint\":\"chat:room\",\"method\":\"update\"},\"data\":{\"room\":\"fuzz\"}}",
            "{\"meta\":{\"id\":\"ID\",\"endpoint\":\"chat:message\",\"method\":\"create\"},\"data\":{\"text\":\"hi\"}}",
            "{\"meta\":{\"id\":\"ID\",\"endpoint\":\"yoctopus:label\",\"method\":\"update\"},\"data\":\"kitchen\"}",
            "{\"meta\":{\"id\":\"ID\",\"endpoint\":\"inspect:connection\",\"method\":\"read\"},\"data\":{}}",
            "{\"meta\":{\"id\":\"ID\",\"endpoint\":\"api:api\",\"method\":\"read\"},\"data\":{}}",
            "{\"meta\":{\"id\":\"ID\",\"endpoint\":\"api:api\",\"method\":\"subscribe\"},\"data\":{}}",
            "{\"meta\":{\"id\":\"ID\",\"endpoint\":\"api:api\",\"method\":\"unsubscribe\"},\"data\":{}}");

    /** JSON values a client should not send, as JSON text. */
    private static final List<String> HOSTILE_VALUES = List.of(
            "1e400", "-1e400", "1e-400", "123456789012345678901234567890", "-123456789012345678901234567890",
            "1e2147483648", "1E-2147483649", "0.0000000000000000000000000000001", "-0", "2.5", "1.0", "9007199254740993",
            "2147483648", "-2147483649", "9223372036854775808", "1" + "0".repeat(400),
            "\"\\ud800\"", "\"\\udc00\"", "\"\\ud83d\\ude00\"", "\"😀👍🏽\"", "\"\\u0000\"", "\"\\u202e\\u200b\"",
            "\"日本語テキスト\"", "\"e\\u0301\"", "\"\"", "\" \"", "\"\\\\\"", "\"2024-02-30\"", "\"+999999999-12-31T23:59:59Z\"",
            "\"a@\"", "\"@b\"", "\"-host-.example\"", "null", "true", "false", "[]", "{}", "[[[[[[[[[[1]]]]]]]]]]",
            "{\"__proto__\":{}}", "{\"meta\":{}}", "[" + "1,".repeat(500) + "1]");

    private static final String TOKENS = "{}[]:,\"\\ 0123456789.-+eEtruefalsnl";
    private static final String UNICODE = "aé€😀日\u0301\u200b\u202e\uFEFF\u0000\u007F\uFFFD𝄞";

    /** What a run saw. */
    static final class Tally {
        int sent;
        int requests;
        int binaries;
        int fragmented;
        int received;
        int ok;
        int errors;
        int rateLimited;
        int notifications;
        final Map<Integer, Integer> closes = new TreeMap<>();

        void add(Tally other) {
            sent += other.sent;
            requests += other.requests;
            binaries += other.binaries;
            fragmented += other.fragmented;
            received += other.received;
            ok += other.ok;
            errors += other.errors;
            rateLimited += other.rateLimited;
            notifications += other.notifications;
            other.closes.forEach((code, count) -> closes.merge(code, count, Integer::sum));
        }

        @Override
        public String toString() {
            return sent + " frames sent (" + requests + " parse as requests, " + binaries + " binary, " + fragmented
                    + " fragmented); " + received + " messages back: " + ok + " ok, " + errors + " errors ("
                    + rateLimited + " over the rate limit), " + notifications + " notifications; closes by code "
                    + closes;
        }
    }

    private final Random random;
    private final URI uri;
    private final Map<String, String> headers;
    private final int maxMessage;
    private final long nanosPerFrame;
    private long nextFrameAt = System.nanoTime();
    private final Tally tally = new Tally();
    private int ids;

    Fuzzer(Random random, URI uri, Map<String, String> headers, int maxMessage, int framesPerSecond) {
        this.random = random;
        this.uri = uri;
        this.headers = headers;
        this.maxMessage = maxMessage;
        this.nanosPerFrame = 1_000_000_000L / framesPerSecond;
    }

    /** Sends {@code frames} frames on one connection, opening another should it be closed. */
    Tally run(int frames) throws IOException {
        RawWebSocket socket = open();
        try {
            for (int i = 0; i < frames; i++) {
                if (socket.isClosed()) {
                    count(socket);
                    ended(socket);
                    socket = open();
                }
                try {
                    send(socket);
                } catch (IOException closedByTheServer) {
                    awaitEnd(socket);
                }
                if (i % 50 == 0) {
                    count(socket);
                }
            }
            awaitTheLastAnswer(socket);
            ended(socket);
        } finally {
            socket.close();
        }
        return tally;
    }

    /** One connection per abusive frame; each may be closed (1002, 1007, ...) or answered. */
    Tally runProtocolAbuse() throws IOException {
        byte[] request = WireClient.request("x", "greeter:hello", "read", "{\"name\":\"after\"}")
                .getBytes(StandardCharsets.UTF_8);
        List<Abuse> abuses = List.of(
                socket -> socket.sendTextBytes(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}),
                socket -> socket.sendTextBytes(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}),
                socket -> socket.sendTextBytes(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}),
                socket -> socket.sendTextBytes(randomBytes(64)),
                socket -> socket.sendFrame(true, 4, RawWebSocket.TEXT, request),
                socket -> socket.sendFrame(true, 3, RawWebSocket.BINARY, new byte[] {1}),
                socket -> socket.sendFrame(true, 0x3, new byte[] {1, 2}),
                socket -> socket.sendFrame(true, 0xB, new byte[0]),
                socket -> socket.sendFrame(true, RawWebSocket.PING, new byte[126]),
                socket -> socket.sendFrame(false, RawWebSocket.PING, new byte[1]),
                socket -> socket.sendFrame(true, RawWebSocket.CONTINUATION, request),
                socket -> {
                    socket.sendFrame(false, RawWebSocket.TEXT, Arrays.copyOf(request, 5));
                    socket.sendFrame(true, RawWebSocket.TEXT, request);
                },
                socket -> socket.sendFrame(true, RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xE7}), // 999
                socket -> socket.sendFrame(true, RawWebSocket.CLOSE, new byte[] {1}),
                socket -> socket.sendFrame(true, RawWebSocket.PING, "hello".getBytes(StandardCharsets.UTF_8)),
                socket -> socket.sendPong(randomBytes(125)),
                socket -> {
                    socket.sendFrame(false, RawWebSocket.BINARY, randomBytes(maxMessage / 2));
                    socket.sendFrame(true, RawWebSocket.CONTINUATION, randomBytes(maxMessage / 2 + 10));
                });
        for (Abuse abuse : abuses) {
            try (RawWebSocket socket = RawWebSocket.connect(uri, headers).answerPings(true).readInBackground()) {
                try {
                    abuse.apply(socket);
                    tally.sent++;
                    socket.sendTextBytes(request);
                } catch (IOException closedAlready) {
                    // the server may drop the connection before the follow-up request
                }
                awaitAnswerOrClose(socket, "x", "the answer to a request after abuse " + abuses.indexOf(abuse)
                        + ", or the close");
                ended(socket);
            }
        }
        return tally;
    }

    private interface Abuse {
        void apply(RawWebSocket socket) throws IOException;
    }

    private RawWebSocket open() throws IOException {
        return RawWebSocket.connect(uri, headers).answerPings(true).readInBackground();
    }

    /**
     * Sends one last request, paced like the others, and waits for its answer: the server answers a connection's
     * frames in order, so the answers to all the others are in by then (or the connection has ended).
     */
    private void awaitTheLastAnswer(RawWebSocket socket) {
        String last = "last";
        try {
            pace();
            socket.sendText(WireClient.request(last, "greeter:hello", "read", "{\"name\":\"last\"}"));
        } catch (IOException closedByTheServer) {
            awaitEnd(socket);
        }
        awaitAnswerOrClose(socket, last, "the answer to the request after the fuzzed frames, or the close");
    }

    /** Counts what arrives until the answer to the request {@code id} is among it, or the connection has ended. */
    private void awaitAnswerOrClose(RawWebSocket socket, String id, String what) {
        Set<String> answered = new HashSet<>();
        await(what).atMost(WireClient.TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
            answered.addAll(count(socket));
            return answered.contains(id) || socket.isClosed();
        });
        count(socket);
    }

    /**
     * Counts the messages the background reader has received; a close is counted once the connection has ended,
     * by {@link #ended}. @return the ids of the responses among them.
     */
    private List<String> count(RawWebSocket socket) {
        List<String> responses = new ArrayList<>();
        for (RawWebSocket.Frame frame : socket.drainReceived()) {
            if (frame.opcode() == RawWebSocket.TEXT) {
                tally.received++;
                JsonValue message = parse(frame.text());
                if (!(message instanceof JsonObject object) || !(object.get("meta") instanceof JsonObject meta)) {
                    throw new AssertionError("not a message of the protocol: " + frame.text());
                }
                if (meta.get("id") instanceof JsonString responseId) {
                    responses.add(responseId.getString());
                }
                if ("notify".equals(meta.getString("method", null))) {
                    tally.notifications++;
                } else if ("ok".equals(meta.getString("status", null))) {
                    tally.ok++;
                } else if ("error".equals(meta.getString("status", null))) {
                    tally.errors++;
                    if (object.toString().contains("rate limit exceeded")) {
                        tally.rateLimited++;
                    }
                } else {
                    throw new AssertionError("neither a notification nor a response: " + frame.text());
                }
            }
        }
        return responses;
    }

    /** After a failed write: the reader sees the close frame or the end of the stream soon. */
    private static void awaitEnd(RawWebSocket socket) {
        await("the end of a connection whose write failed").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50)).until(socket::isClosed);
    }

    /**
     * Counts how a connection ended (its close code, or 1006 without a close frame), if it has. From the close the
     * background reader recorded, not from the queued close frame, which the reader queues just after recording it.
     */
    private void ended(RawWebSocket socket) {
        RawWebSocket.Close close = socket.closeStatus();
        if (close != null) {
            tally.closes.merge(close.code(), 1, Integer::sum);
        }
    }

    // ---------------------------------------------------------------- frames

    private void send(RawWebSocket socket) throws IOException {
        pace();
        int kind = random.nextInt(100);
        tally.sent++;
        if (kind < 8) {
            tally.binaries++;
            socket.sendBinary(randomBytes(random.nextInt(10) == 0 ? 0 : random.nextInt(4096)));
            return;
        }
        if (kind < 12) {
            socket.sendText("");
            return;
        }
        String text;
        if (kind < 45) {
            text = mutate(template());
        } else if (kind < 70) {
            text = substitute(template());
        } else if (kind < 77) {
            text = soup(TOKENS, random.nextInt(200));
        } else if (kind < 82) {
            text = soup(UNICODE, random.nextInt(200));
        } else if (kind < 87) {
            text = longString();
        } else {
            text = template();
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxMessage) {
            bytes = Arrays.copyOf(bytes, maxMessage - 8); // may cut a character: then it is not UTF-8
            text = new String(bytes, StandardCharsets.UTF_8);
            bytes = text.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > maxMessage) {
                bytes = "{}".getBytes(StandardCharsets.UTF_8);
            }
        }
        if (isRequest(text)) {
            tally.requests++;
        }
        if (kind >= 92 && bytes.length > 2) {
            tally.fragmented++;
            int pieces = 2 + random.nextInt(4);
            int start = 0;
            for (int piece = 0; piece < pieces; piece++) {
                int end = piece == pieces - 1 ? bytes.length : start + random.nextInt(bytes.length - start + 1);
                socket.sendFrame(piece == pieces - 1, piece == 0 ? RawWebSocket.TEXT : RawWebSocket.CONTINUATION,
                        Arrays.copyOfRange(bytes, start, end));
                start = end;
            }
        } else {
            socket.sendTextBytes(bytes);
        }
    }

    /**
     * Every frame counts against the rate limit, malformed and binary ones too: each waits for its turn. The
     * client's pace, part of the scenario (not a wait for the server).
     */
    private void pace() {
        long wait = nextFrameAt - System.nanoTime();
        if (wait > 0) {
            TransportIT.pause(Math.max(1, wait / 1_000_000));
        }
        nextFrameAt = Math.max(nextFrameAt, System.nanoTime()) + nanosPerFrame;
    }

    private String template() {
        return TEMPLATES.get(random.nextInt(TEMPLATES.size())).replace("ID", "f" + (ids++));
    }

    /** A few character-level edits. */
    private String mutate(String text) {
        StringBuilder out = new StringBuilder(text);
        for (int edits = 1 + random.nextInt(4); edits > 0 && out.length() > 0; edits--) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(6)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.insert(at, TOKENS.charAt(random.nextInt(TOKENS.length())));
                case 2 -> out.setCharAt(at, UNICODE.charAt(random.nextInt(UNICODE.length())));
                case 3 -> out.setLength(at);
                case 4 -> {
                    int end = Math.min(out.length(), at + random.nextInt(20));
                    out.insert(at, out.substring(at, end));
                }
                default -> out.insert(at, HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size())));
            }
        }
        return out.toString(); // a lone surrogate left by an edit is sent as '?' (String.getBytes)
    }

    /** The template with one or more values replaced by hostile ones; still valid JSON. */
    private String substitute(String text) {
        String result = text;
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            String value = HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size()));
            // replace the value after a random ":" that is not inside meta
            int dataAt = result.indexOf("\"data\":");
            int colon = result.indexOf(':', dataAt + 7 + random.nextInt(Math.max(1, result.length() - dataAt - 7)));
            if (colon < 0) {
                colon = dataAt + 6;
            }
            int end = valueEnd(result, colon + 1);
            result = result.substring(0, colon + 1) + value + result.substring(end);
        }
        return result;
    }

    /** Where the JSON value starting at {@code start} ends (a simple scanner for the templates). */
    private static int valueEnd(String text, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return i;
                }
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return text.length();
    }

    private String soup(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** A request with a string of up to almost the size limit (in UTF-8 bytes). */
    private String longString() {
        String unit = random.nextBoolean() ? "x" : "é";
        int repeat = (maxMessage - 300) / unit.getBytes(StandardCharsets.UTF_8).length;
        String value = unit.repeat(random.nextInt(repeat));
        return random.nextBoolean()
                ? WireClient.request("long" + (ids++), "greeter:hello", "read", "{\"name\":\"" + value + "\"}")
                : WireClient.request("long" + (ids++), "chat:message", "create", "{\"text\":\"" + value + "\"}");
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static boolean isRequest(String text) {
        JsonValue value;
        try {
            value = parse(text);
        } catch (RuntimeException notJson) {
            return false;
        }
        return value instanceof JsonObject object && object.get("meta") instanceof JsonObject;
    }

    private static JsonValue parse(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
