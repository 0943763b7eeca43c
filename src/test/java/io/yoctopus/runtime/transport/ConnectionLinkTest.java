package io.yoctopus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.events.ConnectionClosed;
import io.yoctopus.api.events.ConnectionOpened;
import io.yoctopus.api.events.YoctopusError;
import io.yoctopus.runtime.catalogue.Catalogue;
import io.yoctopus.runtime.catalogue.CatalogueModel;
import io.yoctopus.runtime.catalogue.PluginExtension;
import io.yoctopus.runtime.connection.Channel;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.connection.Liveness;
import io.yoctopus.runtime.connection.Quotas;
import io.yoctopus.runtime.dispatch.Dispatcher;
import io.yoctopus.runtime.dispatch.RequestEvents;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.metrics.Metrics;
import io.yoctopus.runtime.testing.Quietly;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * One connection as a transport drives it through its {@link ConnectionLink}: the real dispatcher (with no plugin,
 * so every request is answered with an error at once), registry, heartbeat and outbox, over a recording channel.
 */
class ConnectionLinkTest {

    private static final JsonCodec JSON = new JsonCodec();
    private static final int MAX = 100;
    /** Pending characters a connection may hold: a short request fits, a long one does not. */
    private static final int PENDING_CHARS = 60;
    private static final HandshakeFacts.Facts FACTS = new HandshakeFacts.Facts("192.0.2.7", 8080, false);
    private static final Map<String, List<String>> HEADERS = Map.of("Origin", List.of("https://good.example"));

    @AfterAll
    static void close() {
        JSON.close();
    }

    private final Metrics metrics = new Metrics();
    private final List<ConnectionClosed> closed = new CopyOnWriteArrayList<>();
    private final ConnectionRegistry registry = new ConnectionRegistry(JSON, closed::add, metrics);
    private final RecordingEvent<ConnectionOpened> opened = new RecordingEvent<>();
    private final RecordingEvent<YoctopusError> errors = new RecordingEvent<>();
    private final ConnectionLink.Services services = services();
    private long now;

    private ConnectionLink.Services services() {
        Dispatcher dispatcher = new Dispatcher(() -> Catalogue.bind(new CatalogueModel(List.of(), Map.of()), type -> {
            throw new AssertionError("no plugin, no bean");
        }), JSON, null /* no route, nothing to validate */, RequestEvents.NONE, (filter, type, data) -> 0, metrics);
        ConnectionEvents events = new ConnectionEvents();
        events.openedEvents = opened;
        events.errorEvents = errors;
        events.json = JSON;
        events.extension = new PluginExtension();
        events.init();
        CoreSettings coreSettings = new CoreSettings();
        coreSettings.json = JSON;
        TransportStubs.ManualTransportScheduler scheduler = new TransportStubs.ManualTransportScheduler();
        Heartbeat heartbeat = new Heartbeat();
        heartbeat.scheduler = scheduler;
        heartbeat.connections = registry;
        heartbeat.settings = TransportStubs.defaultSettings();
        heartbeat.metrics = metrics;
        heartbeat.configure();
        ConnectionLink.Limits limits = new ConnectionLink.Limits(MAX, MAX, 100, 100_000, 0, 0, 1, 5_000,
                new Quotas(1000, 65_536, 256, PENDING_CHARS));
        return new ConnectionLink.Services(dispatcher, registry, coreSettings, events, heartbeat, scheduler.timers,
                Runnable::run, limits, metrics);
    }

    private ConnectionLink open(RecordingChannel channel) {
        ConnectionLink link = ConnectionLink.create(services, channel, null);
        link.open(FACTS, HEADERS);
        return link;
    }

    private static String request(String endpoint) {
        return "{\"meta\":{\"id\":\"1\",\"endpoint\":\"" + endpoint + "\",\"method\":\"read\"}}";
    }

    private static String unknown(String endpoint) {
        return "{\"meta\":{\"id\":\"1\",\"endpoint\":\"" + endpoint + "\",\"method\":\"read\",\"status\":\"error\"},"
                + "\"error\":\"unknown endpoint '" + endpoint + "'\"}";
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anOpenedConnectionIsRegisteredWithItsHandshakesSettingsAndAnnounced() {
        ConnectionLink link = open(new RecordingChannel());
        assertTrue(registry.connection(link.id()).isPresent());
        assertEquals(1, opened.fired.size());
        ConnectionOpened event = opened.fired.get(0);
        assertEquals(link.id(), event.connectionId());
        assertEquals(HEADERS, event.headers());
        assertEquals("{isSecure=false, port=8080, remoteAddress=192.0.2.7}",
                new TreeMap<>(event.settings().export().get(CoreSettings.PLUGIN)).toString());
    }

    @Test
    void aConnectionPastTheMaximumIsClosedWith1013AndNotServed() {
        open(new RecordingChannel());
        RecordingChannel second = new RecordingChannel();
        ConnectionLink refused = open(second);
        assertEquals(List.of("1013 too many connections"), second.closes);
        assertEquals(1, opened.fired.size(), "only the first is announced");
        assertFalse(registry.connection(refused.id()).isPresent());
        refused.text(request("e"), true);
        assertEquals(List.of(), second.sent, "its frames are ignored");
    }

    @Test
    void wholeAndFragmentedTextMessagesAreHandedToTheDispatcherInOrder() {
        RecordingChannel channel = new RecordingChannel();
        ConnectionLink link = open(channel);
        link.text(request("a"), true);
        String fragmented = request("b");
        link.text(fragmented.substring(0, 10), false);
        link.text(fragmented.substring(10), true);
        link.utf8(bytes(request("c")), true);
        link.utf8(bytes(fragmented.substring(0, 10)), false);
        link.utf8(bytes(fragmented.substring(10)), true);
        assertEquals(List.of(unknown("a"), unknown("b"), unknown("c"), unknown("b")), channel.sent);
    }

    @Test
    void binaryMessagesWholeOrFragmentedAreHandedToTheDispatcher() {
        RecordingChannel channel = new RecordingChannel();
        ConnectionLink link = open(channel);
        link.binary(ByteBuffer.wrap(new byte[] {1, 2}), true);
        link.binary(ByteBuffer.wrap(new byte[] {1}), false);
        link.binary(ByteBuffer.wrap(new byte[] {2}), true);
        String notAccepted = "{\"meta\":{\"status\":\"error\"},\"error\":\"binary frames are not accepted\"}";
        assertEquals(List.of(notAccepted, notAccepted), channel.sent);
    }

    @Test
    void messagesPastThePendingQuotaAreRefusedAtOnce() {
        RecordingChannel channel = new RecordingChannel();
        ConnectionLink link = open(channel);
        String quota = "quota exceeded: at most " + PENDING_CHARS + " characters of pending requests per connection ("
                + Quotas.PENDING_CHARS + ")";
        String endpoint = "e".repeat(20);
        link.text(request(endpoint), true);
        link.binary(ByteBuffer.allocate(PENDING_CHARS + 1), true);
        assertEquals(List.of("{\"meta\":{\"id\":\"1\",\"endpoint\":\"" + endpoint + "\",\"method\":\"read\","
                + "\"status\":\"error\"},\"error\":\"" + quota + "\"}",
                "{\"meta\":{\"status\":\"error\"},\"error\":\"" + quota + "\"}"), channel.sent);
    }

    @Test
    void aFragmentOrAPongShowsTheClientAlive() {
        ConnectionLink link = open(new RecordingChannel());
        Liveness liveness = link.connection().liveness();
        heard(liveness);   // the first check counts the handshake
        assertFalse(heard(liveness), "silent since");
        link.text("{", false);
        assertTrue(heard(liveness), "a text fragment");
        link.utf8(bytes("\"a"), false);
        assertTrue(heard(liveness), "a text fragment as bytes");
        link.binary(ByteBuffer.allocate(1), false);
        assertTrue(heard(liveness), "a binary fragment");
        link.pong(ByteBuffer.allocate(0));
        assertTrue(heard(liveness), "a pong");
        assertFalse(heard(liveness));
    }

    private boolean heard(Liveness liveness) {
        return liveness.check(now++, Long.MAX_VALUE, Integer.MAX_VALUE) == Liveness.Verdict.ALIVE;
    }

    @Test
    void textPastItsLimitClosesWith1009AndEndsTheConnectionAtOnce() {
        RecordingChannel channel = new RecordingChannel();
        ConnectionLink link = open(channel);
        link.text("x".repeat(MAX + 1), true);
        String reason = "a text message may have at most " + MAX + " bytes";
        assertEquals(List.of("1009 " + reason), channel.closes);
        assertClosedByTheServer(link, 1009, reason);
        link.text(request("e"), true);
        link.utf8(bytes(request("e")), true);
        link.binary(ByteBuffer.allocate(1), true);
        assertEquals(List.of(), channel.sent, "what comes after the close is not served");
    }

    @Test
    void textBytesPastTheLimitCloseWith1009() {
        RecordingChannel channel = new RecordingChannel();
        open(channel).utf8(ByteBuffer.allocate(MAX + 1), true);
        assertEquals(List.of("1009 a text message may have at most " + MAX + " bytes"), channel.closes);
    }

    @Test
    void textBytesThatAreNotUtf8CloseWith1007() {
        RecordingChannel channel = new RecordingChannel();
        ConnectionLink link = open(channel);
        link.utf8(ByteBuffer.wrap(new byte[] {(byte) 0xff}), true);
        assertEquals(List.of("1007 a text message must be valid UTF-8"), channel.closes);
        assertClosedByTheServer(link, 1007, "a text message must be valid UTF-8");
    }

    @Test
    void binaryPastItsLimitClosesWith1009() {
        RecordingChannel channel = new RecordingChannel();
        ConnectionLink link = open(channel);
        link.binary(ByteBuffer.allocate(MAX + 1), true);
        assertEquals(List.of("1009 a binary message may have at most " + MAX + " bytes"), channel.closes);
        link.binary(ByteBuffer.allocate(1), true);
        assertEquals(List.of(), channel.sent);
    }

    private void assertClosedByTheServer(ConnectionLink link, int code, String reason) {
        assertEquals(List.of(link.id() + " " + code + " " + reason), closedEvents(),
                "over for the application before the transport reports the close");
    }

    /** The closed events fired: connection id, close code and reason of each. */
    private List<String> closedEvents() {
        return closed.stream().map(event -> event.connectionId() + " " + event.closeCode() + " " + event.reason())
                .toList();
    }

    @Test
    void aTransportFailureIsReportedAndEndsTheConnectionUnlessItIsStillOpen() {
        ConnectionLink link = open(new RecordingChannel());
        IOException reset = new IOException("connection reset");
        Quietly.run(ConnectionEvents.class, () -> link.failed(reset, true));
        assertEquals(1, errors.fired.size());
        YoctopusError error = errors.fired.get(0);
        assertEquals(YoctopusError.Kind.TRANSPORT, error.kind());
        assertEquals(Optional.of(link.id()), error.connectionId());
        assertEquals("transport error on connection " + link.id(), error.message());
        assertEquals(reset, error.cause());
        assertEquals(List.of(), closed, "still open");
        Quietly.run(ConnectionEvents.class, () -> link.failed(reset, false));
        assertEquals(2, errors.fired.size());
        assertEquals(List.of(link.id() + " 1006 java.io.IOException: connection reset"), closedEvents());
    }

    @Test
    void theCloseTheTransportReportsEndsTheConnection() {
        ConnectionLink link = open(new RecordingChannel());
        link.closed(1000, "bye");
        assertEquals(List.of(link.id() + " 1000 bye"), closedEvents());
        assertFalse(registry.connection(link.id()).isPresent());
    }

    /** The transport's side of a connection: what was sent and how it was closed. */
    private static final class RecordingChannel implements Channel {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<String> closes = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "recording";
        }

        @Override
        public void sendText(String text, Consumer<Throwable> done) {
            sent.add(text);
            done.accept(null);
        }

        @Override
        public boolean ping(ByteBuffer payload) {
            return true;
        }

        @Override
        public boolean isOpen() {
            return closes.isEmpty();
        }

        @Override
        public void close(int code, String reason) {
            closes.add(code + " " + reason);
        }
    }

    /** A CDI event with synchronous observers only, recording what is fired. */
    private static final class RecordingEvent<T> implements Event<T> {
        final List<T> fired = new CopyOnWriteArrayList<>();

        @Override
        public void fire(T event) {
            fired.add(event);
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event) {
            throw new AssertionError("no asynchronous observer");
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new AssertionError("no asynchronous observer");
        }

        @Override
        public Event<T> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
