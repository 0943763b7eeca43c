package io.yoctopus.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.it.authjar.NeedsAuth;
import io.yoctopus.it.brokenjar.NeedsChat;
import io.yoctopus.it.brokenjar.Unconstructible;
import io.yoctopus.it.transportjar.Probe;
import io.yoctopus.it.transportjar.ProbeLedger;
import io.yoctopus.demo.Demo;
import io.yoctopus.runtime.catalogue.CatalogueAnalysis;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The transport against the real WAR on the server under test: liveness (pings), origins, TLS, binary frames,
 * size limits, invalid UTF-8, JSON depth, the request rate limit, slow consumers, the connection limit,
 * graceful shutdown, and a fuzz run.
 *
 * <p>One Arquillian deployment with small limits of its own (see {@link #CONFIG}). Its allowed origins are
 * {@link #GOOD_ORIGIN} only, so every client here sends that Origin header. The test plugin {@code probe}
 * ({@link Probe}, in a bean archive of the WAR) reaches the {@code AllowedOrigins} and {@code Connections}
 * beans, the closed and error events, and the server's heap. The TLS and shutdown tests, last, run on a
 * second server of the same kind that the test starts itself ({@link ServerProcess}): with an HTTPS listener
 * and a self-signed certificate made by {@code keytool} at test time, then stopped as its launcher would
 * stop it. (The Arquillian containers take their options for every test class and stop a server only at the
 * end of the run, or by undeploying on Payara Micro.)
 *
 * <p>{@link RawWebSocket} plays the clients that misbehave: they do not answer pings, do not read, or send
 * frames that are not UTF-8.
 *
 * <p>On Payara Micro every test runs on the Vert.x transport too ({@link OnBothTransports}): the deployment turns
 * it on, and the second server serves wss on it with the same key store.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TransportIT implements TransportAware {

    private static final Logger LOG = Logger.getLogger(TransportIT.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();

    static final String GOOD_ORIGIN = "https://good.example";
    static final Map<String, String> GOOD = Map.of("Origin", GOOD_ORIGIN);

    static final int PING_INTERVAL = 200;
    static final int MAX_LOST_PINGS = 2;
    static final int MAX_MESSAGE = 64 * 1024;
    static final int RATE = 50;
    static final int BURST = 20;
    static final int OUTBOX_MESSAGES = 100;
    static final int MAX_CONNECTIONS = 40;
    static final int MAX_DEPTH = 64;
    static final int CLOSE_TIMEOUT = 5000;
    static final String RATE_LIMITED = "rate limit exceeded: slow down";
    /** The size of WildFly's (Undertow's) read buffers, its io subsystem's default. */
    static final int UNDERTOW_READ_BUFFER = 16 * 1024;

    static final String CONFIG = String.join("\n",
            "yoctopus.allowed-origins=" + GOOD_ORIGIN,
            "yoctopus.ping-interval=" + PING_INTERVAL,
            "yoctopus.max-lost-pings=" + MAX_LOST_PINGS,
            "yoctopus.max-text-message-size=" + MAX_MESSAGE,
            "yoctopus.max-binary-message-size=" + MAX_MESSAGE,
            "yoctopus.rate-limit=" + RATE,
            "yoctopus.rate-limit-burst=" + BURST,
            "yoctopus.outbox.max-messages=" + OUTBOX_MESSAGES,
            "yoctopus.max-connections=" + MAX_CONNECTIONS,
            "yoctopus.max-json-depth=" + MAX_DEPTH,
            "yoctopus.close-timeout=" + CLOSE_TIMEOUT, "");

    @ArquillianResource
    URL base;

    /** The transport of the current run ({@link OnBothTransports}). */
    private Transport transport = Transport.CONTAINER;

    @Override
    public void use(Transport transport) {
        this.transport = transport;
    }

    private final AtomicInteger ids = new AtomicInteger();

    /** The server of the TLS and shutdown tests, started by the first of them. */
    private static ServerProcess secondServer;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return war(CONFIG);
    }

    static WebArchive war(String config) {
        JavaArchive probe = ShrinkWrap.create(JavaArchive.class, "yoctopus-it-probe.jar")
                .addPackage(Probe.class.getPackage())
                .addAsManifestResource(Deployments.BEANS_XML, "beans.xml");
        return TransportInvocations.deployable(Deployments.war(probe))
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
    }

    // ---------------------------------------------------------------- liveness

    /**
     * A client that reads but never answers a ping is closed with 1001 once it has left more than
     * max-lost-pings unanswered: after (maxLostPings + 1) pings, i.e. at most one interval (the phase of
     * the shared heartbeat), one more (the beat that finds its request needs no ping) and
     * pingInterval × (maxLostPings + 1) after its last frame.
     */
    @OnBothTransports
    void aClientThatStopsAnsweringPingsIsDropped() throws IOException {
        int pings = 0;
        long start;
        RawWebSocket.Frame close = null;
        String id = null;
        try (RawWebSocket silent = RawWebSocket.connect(ws(), GOOD)) {
            start = System.nanoTime();
            silent.sendText(WireClient.request("w", "probe:whoami", "read", "{}"));
            while (close == null) {
                RawWebSocket.Frame frame = silent.readFrame(Duration.ofSeconds(5));
                assertNotNull(frame, "the server neither pinged nor closed within 5 s");
                switch (frame.opcode()) {
                    case RawWebSocket.PING -> pings++;
                    case RawWebSocket.CLOSE -> close = frame;
                    case RawWebSocket.TEXT -> id = json(frame.text()).asJsonObject().getJsonObject("data").getString("id");
                    default -> throw new AssertionError("unexpected frame " + frame.opcode());
                }
            }
        }
        assertNotNull(id, "no answer to probe:whoami");
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        LOG.info("silent client dropped after " + elapsed + " ms and " + pings + " pings");
        assertEquals(1001, close.closeCode(), close.closeReason());
        assertEquals("ping timeout", close.closeReason());
        assertEquals(MAX_LOST_PINGS + 1, pings, "pings sent before giving up");
        long bound = (long) PING_INTERVAL * (MAX_LOST_PINGS + 1) + 2L * PING_INTERVAL + 1000;
        assertTrue(elapsed <= bound, "dropped after " + elapsed + " ms, more than " + bound);
        assertTrue(elapsed >= (long) PING_INTERVAL * MAX_LOST_PINGS, "dropped too early: " + elapsed + " ms");
        try (WireClient observer = connect()) {
            assertEquals("1001 ping timeout", awaitClosedEvent(observer, id), "the closed event fired");
        }
    }

    /**
     * A client that answers the pings (the JDK's, and the raw one when told to) stays open while idle: for three
     * times as long as a silent client lasts, during which the raw client is pinged more than max-lost-pings times
     * (each of which would count against a client that did not answer).
     */
    @OnBothTransports
    void clientsThatAnswerPingsStayOpen() throws Exception {
        Duration threePingTimeouts = Duration.ofMillis(PING_INTERVAL * (MAX_LOST_PINGS + 1) * 3L);
        try (WireClient jdk = connect();
                RawWebSocket raw = RawWebSocket.connect(ws(), GOOD).answerPings(true).readInBackground()) {
            await("both clients stay open for " + threePingTimeouts).during(threePingTimeouts)
                    .atMost(threePingTimeouts.plusSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> {
                        assertFalse(jdk.isClosed(), () -> "the JDK client was dropped: " + jdk.closeReason());
                        assertFalse(raw.isClosed(), () -> "the raw client that answers pings was dropped: "
                                + raw.closeStatus());
                    });
            long pings = raw.drainReceived().stream().filter(frame -> frame.opcode() == RawWebSocket.PING).count();
            assertTrue(pings > MAX_LOST_PINGS, "the raw client was pinged " + pings + " times");
            assertStillServes(jdk);
            raw.sendText(WireClient.request("r", "greeter:hello", "read", "{\"name\":\"raw\"}"));
            assertEquals("Hello, raw!", json(raw.nextText(Duration.ofSeconds(5))).asJsonObject()
                    .getJsonObject("data").getString("message"));
        }
    }

    /**
     * Liveness under load: four clients flood the server with frames as fast as they can send them, on a machine
     * of two cores shared with the server, while two clients send a request every 100 ms; for ten seconds no
     * client may be closed (each is heard from, however late its frames are handled), and every request of the
     * paced clients is answered. Under such a flood the old liveness check dropped clients that were sending
     * ("4 pings unanswered").
     */
    @OnBothTransports
    void aFloodDropsNoClientThatKeepsSending() throws Exception {
        Duration length = Duration.ofSeconds(10);
        ExecutorService load = Executors.newFixedThreadPool(6);
        AtomicBoolean running = new AtomicBoolean(true);
        List<WireClient> flooders = new ArrayList<>();
        List<WireClient> paced = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                flooders.add(connect());
            }
            for (int i = 0; i < 2; i++) {
                paced.add(connect());
            }
            List<Future<Integer>> floods = new ArrayList<>();
            for (WireClient flooder : flooders) {
                floods.add(load.submit(() -> {
                    int sent = 0;
                    while (running.get()) {
                        // windows of 50 frames, each answered (served or rate-limited): the client reads, so that
                        // its outbox of 100 messages never fills, and otherwise sends as fast as it can
                        for (int i = 0; i < 50; i++) {
                            flooder.send(WireClient.request("f" + sent++, "greeter:hello", "read", "{\"name\":\"f\"}"));
                        }
                        for (int i = 0; i < 50; i++) {
                            flooder.next();
                        }
                    }
                    return sent;
                }));
            }
            long end = System.nanoTime() + length.toNanos();
            List<Future<Integer>> answered = new ArrayList<>();
            for (WireClient client : paced) {
                answered.add(load.submit(() -> {
                    int count = 0;
                    while (System.nanoTime() < end) {
                        String id = "p" + count;
                        client.send(WireClient.request(id, "greeter:hello", "read", "{\"name\":\"" + id + "\"}"));
                        assertEquals("Hello, " + id + "!", client.nextJson().getJsonObject("data").getString("message"));
                        count++;
                        pause(100);   // the client's pace: this is what it does, not a wait for the server
                    }
                    return count;
                }));
            }
            for (Future<Integer> count : answered) {
                assertTrue(count.get(length.toSeconds() + 30, TimeUnit.SECONDS) >= length.toSeconds() * 5,
                        "a paced client was barely served: " + count.get());
            }
            running.set(false);
            int flooded = 0;
            for (Future<Integer> flood : floods) {
                flooded += flood.get(30, TimeUnit.SECONDS);
            }
            LOG.info(flooded + " frames flooded in " + length.toSeconds() + " s");
            for (WireClient client : flooders) {
                assertFalse(client.isClosed(), () -> "a flooding client was closed: " + client.closeReason());
            }
            for (WireClient client : paced) {
                assertFalse(client.isClosed(), () -> "a paced client was closed: " + client.closeReason());
                assertStillServes(client);
            }
        } finally {
            running.set(false);
            load.shutdownNow();
            flooders.forEach(WireClient::close);
            paced.forEach(WireClient::close);
        }
    }

    // ---------------------------------------------------------------- origins

    @OnBothTransports
    void originsAreCheckedAtTheHandshakeAndChangeableAtRunTime() throws IOException {
        URI ws = ws();
        assertEquals(403, RawWebSocket.handshakeStatus(ws, Map.of("Origin", "https://evil.example")));
        assertEquals(403, RawWebSocket.handshakeStatus(ws, Map.of()), "no Origin header with a list of origins");
        assertEquals(403, WireClient.handshakeStatus(ws, Map.of("Origin", "https://evil.example")));
        assertEquals(101, RawWebSocket.handshakeStatus(ws, GOOD));
        try (WireClient admin = connect()) {
            try {
                assertEquals(json("{\"origins\":[\"https://good.example\"]}"), ok(call(admin, "probe:origins", "read", "{}")));

                assertEquals(json("{\"origins\":[\"https://other.example\"]}"), ok(call(admin, "probe:origins", "update",
                        "{\"origins\":[\"https://other.example\"]}")));
                assertEquals(101, RawWebSocket.handshakeStatus(ws, Map.of("Origin", "https://other.example")));
                assertEquals(403, RawWebSocket.handshakeStatus(ws, GOOD), "the old list is gone");
                assertEquals(403, RawWebSocket.handshakeStatus(ws, Map.of("Origin", "https://evil.example")));
                assertStillServes(admin); // open connections are not affected

                ok(call(admin, "probe:origins", "update", "{\"origins\":[\"*\"]}"));
                assertEquals(101, RawWebSocket.handshakeStatus(ws, Map.of("Origin", "https://evil.example")));
                assertEquals(101, RawWebSocket.handshakeStatus(ws, Map.of()), "* allows a handshake without Origin");

                // reload(): the configuration again
                assertEquals(json("{\"origins\":[\"https://good.example\"]}"), ok(call(admin, "probe:origins", "delete", "{}")));
                assertEquals(403, RawWebSocket.handshakeStatus(ws, Map.of("Origin", "https://evil.example")));
                assertEquals(101, RawWebSocket.handshakeStatus(ws, GOOD));
            } finally {
                call(admin, "probe:origins", "delete", "{}");
            }
        }
    }

    // ---------------------------------------------------------------- TLS (second server)

    static final Path SECOND_SERVER_DIR = Path.of("target", "transport-it-server");
    static final Path KEY_STORE_DIR = SECOND_SERVER_DIR.resolve("tls");
    static final String KEY_ALIAS = "yoctopus-it";
    /** WildFly's default HTTPS listener reads its key store with this password ({@link WildFlyLaunch}). */
    static final String KEY_PASSWORD = WildFlyLaunch.KEY_STORE_PASSWORD;
    static final Path CLOSED_LOG = SECOND_SERVER_DIR.resolve("closed-events.log");

    /**
     * Over {@code ws} {@code yoctopus.isSecure} is false; over {@code wss} (the server's HTTPS listener, or the Vert.x
     * transport with its own key store setting, each with a self-signed certificate for localhost made by keytool just
     * now) it is true, and requests are served.
     */
    @OnBothTransports
    @Order(Integer.MAX_VALUE - 1)
    void wssWorksAndIsSecureIsTrueOnlyThere() throws Exception {
        try (WireClient plain = connect()) {
            JsonObject core = settings(plain).getJsonObject("yoctopus");
            assertEquals(JsonValue.FALSE, core.get("isSecure"), core.toString());
        }
        ServerProcess server = secondServer();
        int tlsPort = transport == Transport.VERTX ? secondServerVertxPort : server.httpsPort();
        URI wss = URI.create("wss://localhost:" + tlsPort + "/" + Deployments.WS_PATH);
        try (WireClient secure = WireClient.connect(trustingSecondServer(), wss, Map.of())) {
            secure.send(WireClient.request("tls", "inspect:connection", "read", "{}"));
            String answer = secure.next();
            JsonObject core = json(answer).asJsonObject().getJsonObject("data").getJsonObject("yoctopus");
            assertEquals(JsonValue.TRUE, core.get("isSecure"), answer);
            assertEquals(tlsPort, ((JsonNumber) core.get("port")).intValue(), answer);

            secure.send(WireClient.request("tls2", "greeter:hello", "read", "{\"name\":\"TLS\"}"));
            assertEquals(json("""
                    {"meta":{"id":"tls2","endpoint":"greeter:hello","method":"read","status":"ok"},
                     "data":{"message":"Hello, TLS!"}}"""), json(secure.next()));
        }
        try (WireClient plain = WireClient.connect(URI.create("ws://localhost:" + server.httpPort() + "/ws"))) {
            assertEquals(JsonValue.FALSE, settings(plain).getJsonObject("yoctopus").get("isSecure"));
        }
    }

    /** An HTTP client that trusts the second server's self-signed certificate (and nothing else). */
    private static HttpClient trustingSecondServer() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(KEY_STORE_DIR.resolve("keystore.p12"))) {
            trusted.load(in, KEY_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The second server's Vert.x transport port, over TLS with the same key store (Payara Micro only). */
    private static int secondServerVertxPort;

    /**
     * The second server: the test WAR with the default configuration (any origin) and the demo, plus an HTTPS listener
     * on a free port with a fresh self-signed certificate for localhost and 127.0.0.1; the example plugin given to
     * the server as a library, with the API jar (each server its own way: {@link ServerProcess.Setup}); two more
     * WARs, at {@value #AUTH_ONLY} and {@value #BROKEN}, each the framework's WAR with a plugin jar. On Payara Micro
     * also the Vert.x transport on a port of its own, serving wss with the same key store.
     */
    private static synchronized ServerProcess secondServer() throws Exception {
        if (secondServer == null) {
            ServerProcess.deleteRecursively(SECOND_SERVER_DIR);
            Files.createDirectories(SECOND_SERVER_DIR);
            Path keystore = KEY_STORE_DIR.resolve("keystore.p12");
            Files.createDirectories(KEY_STORE_DIR);
            Files.deleteIfExists(keystore);
            Files.deleteIfExists(CLOSED_LOG);
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process generate = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", KEY_ALIAS,
                    "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost, O=Yoctopus IT",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", keystore.toAbsolutePath().toString(), "-storepass", KEY_PASSWORD,
                    "-keypass", KEY_PASSWORD, "-noprompt").redirectErrorStream(true).start();
            String keytoolOutput = new String(generate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(generate.waitFor(60, TimeUnit.SECONDS) && generate.exitValue() == 0, "keytool: " + keytoolOutput);

            Map<String, String> properties = new java.util.HashMap<>(Map.of(
                    ProbeLedger.CLOSED_LOG, CLOSED_LOG.toAbsolutePath().toString()));
            if (TransportInvocations.transports(Server.current()).contains(Transport.VERTX)) {
                secondServerVertxPort = Transport.freePort();
                properties.putAll(Map.of("yoctopus.transport.vertx.port", String.valueOf(secondServerVertxPort),
                        "yoctopus.transport.vertx.tls.key-store", keystore.toAbsolutePath().toString(),
                        "yoctopus.transport.vertx.tls.key-store-password", KEY_PASSWORD));
            }
            secondServer = ServerProcess.start(ServerProcess.Setup.of(war(Demo.ENABLED + "=true\n"))
                    .withTls(new ServerProcess.Tls(keystore, KEY_PASSWORD, KEY_ALIAS))
                    .withSystemProperties(properties)
                    .withLibraries(ExampleBoard.LIBRARIES.stream().map(ExampleBoard::built).toList())
                    .withWar(AUTH_ONLY, pluginWar(NeedsAuth.class, CatalogueAnalysis.enabledKey("auth") + "=true\n"))
                    .withWar(BROKEN, pluginWar(List.of(Unconstructible.class, NeedsChat.class),
                            CatalogueAnalysis.enabledKey("chat") + "=false\n")),
                    SECOND_SERVER_DIR.resolve("server"));
        }
        return secondServer;
    }

    @AfterAll
    static void stopSecondServer() {
        if (secondServer != null) {
            secondServer.close();
        }
    }

    // ---------------------------------------------------------------- plugin jars (second server)

    /** The context root of a WAR whose plugin needs the demo's {@code auth} only, switched on alone. */
    static final String AUTH_ONLY = "auth-only";
    /** The context root of a WAR whose plugins cannot work: its deployment must fail, naming each. */
    static final String BROKEN = "broken";

    /**
     * The example plugin (examples/plugin), with the API jar, given to the server as a library beside the plain WAR
     * (Payara Micro's --addlibs, a WildFly global directory, Open Liberty's global library): installed as a full
     * bean, with its jar's bean and the framework's injected and its observer called.
     */
    @Test
    @Order(Integer.MAX_VALUE - 2)
    void theExamplePluginGivenToTheServerAsALibraryWorks() throws Exception {
        ServerProcess server = secondServer();
        ExampleBoard.exercise(() -> WireClient.connect(URI.create("ws://localhost:" + server.httpPort() + "/"
                + Deployments.WS_PATH)));
    }

    /** {@code yoctopus.plugin.auth.enabled=true} installs the demo's auth without the rest of the demo. */
    @Test
    @Order(Integer.MAX_VALUE - 2)
    void aPluginThatNeedsAuthDeploysWithAuthAlone() throws Exception {
        ServerProcess server = secondServer();
        URI ws = URI.create("ws://localhost:" + server.httpPort() + "/" + AUTH_ONLY + "/" + Deployments.WS_PATH);
        try (WireClient client = WireClient.connect(ws)) {
            assertEquals("requirement not met: auth.authenticated = true",
                    call(client, "needs-auth:secret", "read", "{}").getString("error"));
            assertEquals(json("{\"userId\":\"ada\"}"), ok(call(client, "auth:session", "create",
                    "{\"username\":\"ada\",\"password\":\"secret\"}")));
            assertEquals(json("{\"secret\":\"42\"}"), ok(call(client, "needs-auth:secret", "read", "{}")));
            assertEquals("unknown endpoint 'greeter:hello'",
                    call(client, "greeter:hello", "read", "{\"name\":\"x\"}").getString("error"));
        }
    }

    /**
     * A {@code @Plugin} class CDI cannot make, and a requirement on a setting of a plugin switched off, fail the
     * deployment with one message naming both; the WAR then serves nothing.
     */
    @Test
    @Order(Integer.MAX_VALUE - 2)
    void aDeploymentWhosePluginsCannotWorkFailsNamingEach() throws Exception {
        ServerProcess server = secondServer();
        List<String> problems = List.of(
                "plugin 'unconstructible' (" + Unconstructible.class.getName() + ") is not a CDI bean: it has neither"
                        + " a constructor without parameters nor one annotated @Inject",
                "plugin 'needs-chat' handler " + NeedsChat.class.getName() + ".lobby(): @Requires names setting "
                        + "'chat.room' of plugin 'chat', which is switched off (" + CatalogueAnalysis.enabledKey("chat")
                        + " is false)");
        await().atMost(Duration.ofSeconds(60)).until(() -> problems.stream().allMatch(server.output()::contains));
        assertEquals(404, RawWebSocket.handshakeStatus(URI.create("ws://localhost:" + server.httpPort() + "/" + BROKEN
                + "/" + Deployments.WS_PATH), Map.of()), server.tail());
    }

    /** The framework's WAR with a jar of {@code plugins} (annotated discovery) and its configuration. */
    private static WebArchive pluginWar(List<Class<?>> plugins, String config) {
        return Deployments.war(ShrinkWrap.create(JavaArchive.class, "plugins.jar")
                .addClasses(plugins.toArray(Class<?>[]::new))
                .addAsManifestResource(Deployments.BEANS_XML, "beans.xml")
                .addAsManifestResource(new StringAsset(config), "microprofile-config.properties"));
    }

    private static WebArchive pluginWar(Class<?> plugin, String config) {
        return pluginWar(List.of(plugin), config);
    }

    // ---------------------------------------------------------------- binary frames

    @OnBothTransports
    void binaryFramesNeedALogin() {
        try (WireClient client = connect()) {
            client.sendBinary(new byte[] {1, 2, 3});
            assertEquals(json("""
                    {"meta":{"status":"error"},"error":"requirement not met: auth.authenticated = true"}"""),
                    client.nextJson());
            assertStillServes(client);

            ok(call(client, "auth:session", "create", "{\"username\":\"bob\",\"password\":\"secret\"}"));
            for (int size : new int[] {1234, 0, MAX_MESSAGE}) {
                byte[] bytes = new byte[size];
                new Random(size).nextBytes(bytes);
                client.sendBinary(bytes);
                assertEquals(json("{\"meta\":{\"method\":\"notify\",\"type\":\"binary-processed\"},\"data\":{\"size\":"
                        + size + "}}"), client.nextJson(), "answer to " + size + " bytes");
            }
            assertStillServes(client);

            ok(call(client, "auth:session", "delete", "{}"));
            client.sendBinary(new byte[] {4});
            assertEquals("requirement not met: auth.authenticated = true", client.nextJson().getString("error"));
            assertStillServes(client);
        }
    }

    // ---------------------------------------------------------------- size limits, bad input

    @OnBothTransports
    void anOversizeTextFrameClosesWith1009AndHurtsNoOneElse() throws IOException {
        try (WireClient bystander = connect()) {
            try (WireClient victim = connect()) {
                // just under the limit: served
                String name = "n".repeat(MAX_MESSAGE - 200);
                victim.send(WireClient.request("big", "greeter:hello", "read", "{\"name\":\"" + name + "\"}"));
                assertEquals("Hello, " + name + "!", victim.nextJson().getJsonObject("data").getString("message"));
            }
            assertClosedWith1009(RawWebSocket.TEXT, WireClient.request("huge", "greeter:hello", "read",
                    "{\"name\":\"" + "n".repeat(MAX_MESSAGE) + "\"}").getBytes(StandardCharsets.UTF_8));
            // fewer characters than the limit, more bytes: 3 bytes each in UTF-8
            assertClosedWith1009(RawWebSocket.TEXT, WireClient.request("euro", "greeter:hello", "read",
                    "{\"name\":\"" + "€".repeat(MAX_MESSAGE / 2) + "\"}").getBytes(StandardCharsets.UTF_8));
            assertClosedWith1009(RawWebSocket.BINARY, new byte[MAX_MESSAGE + 1]);
            assertStillServes(bystander);
        }
    }

    /**
     * Sends one frame past the limit and expects 1009. The server may close as soon as it has read the frame's
     * header, before the rest of it has left, failing the write: the JDK client then reports the failure and never
     * the close frame it had already received (seen on Payara in CI), so a client that reads on its own thread
     * sends it.
     */
    private void assertClosedWith1009(int opcode, byte[] payload) throws IOException {
        try (RawWebSocket victim = RawWebSocket.connect(ws(), GOOD).readInBackground()) {
            try {
                victim.sendFrame(true, opcode, payload);
            } catch (IOException closedFirst) {
                // the close frame came before the write broke; the reader has it
            }
            RawWebSocket.Close close = victim.awaitClose(WireClient.TIMEOUT);
            assertEquals(1009, close.code(), close.reason());
        }
    }

    /**
     * Frames far past the limit (3.9 MB against 64 KiB), from 100 clients at once: each is closed with 1009 and
     * the framework's reason once the container has read one frame's worth of it, no stack trace is logged, and
     * once the clients are gone the server's heap is back where it was. On Payara, Tyrus read such a frame into a
     * buffer of up to 4 MB and answered 1011 "Buffer overflow." with a stack trace; its buffers then stayed
     * reachable from the HTTP worker threads' cached requests after the connections had closed (40 such clients
     * left 172 MB behind).
     */
    @OnBothTransports
    void framesFarPastTheLimitAreClosedWith1009AndLeaveNothingBehind() throws Exception {
        int clients = 100;
        byte[] frame = new byte[3_900_000];
        java.util.Arrays.fill(frame, (byte) 'x');
        ExecutorService senders = Executors.newFixedThreadPool(16);
        try (WireClient observer = connect()) {
            long before = usedHeap(observer);
            int stackTracesBefore = ok(call(observer, "probe:container-log", "read", "{}")).asJsonObject()
                    .getInt("stackTraces");
            List<Future<RawWebSocket.Close>> closes = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                closes.add(senders.submit(() -> {
                    try (RawWebSocket big = RawWebSocket.connect(ws(), GOOD).readInBackground()) {
                        try {
                            big.sendFrame(true, RawWebSocket.TEXT, frame);
                        } catch (IOException refused) {
                            // the server closed the connection while the frame was still going out
                        }
                        return big.awaitClose(Duration.ofSeconds(30));
                    }
                }));
            }
            // on Payara the Tyrus adapter stops the frame at the container's read buffer, and on the Vert.x transport
            // Netty refuses it as its header arrives; the other containers hand
            // the framework the message as it arrives, and it stops the message (README, close codes)
            RawWebSocket.Close expected = Server.current().isPayara() || transport == Transport.VERTX
                    ? new RawWebSocket.Close(1009, "a frame may have at most " + MAX_MESSAGE + " bytes")
                    : new RawWebSocket.Close(1009, "a text message may have at most " + MAX_MESSAGE + " bytes");
            int closedWith1009 = 0;
            for (Future<RawWebSocket.Close> close : closes) {
                RawWebSocket.Close status = close.get(60, TimeUnit.SECONDS);
                if (expected.equals(status)) {
                    closedWith1009++;
                } else {
                    // the close frame is lost only when the client's write broke the connection first
                    assertEquals(RawWebSocket.NO_CLOSE_FRAME, status.code(), "closed with " + status);
                }
            }
            LOG.info(closedWith1009 + " of " + clients + " oversize clients read their 1009");
            assertTrue(closedWith1009 >= clients / 2, "only " + closedWith1009 + " of " + clients + " read 1009");
            assertEquals(stackTracesBefore, ok(call(observer, "probe:container-log", "read", "{}")).asJsonObject()
                    .getInt("stackTraces"), "the container logged stack traces for oversize frames");
            await("the server's heap back where it was (" + mb(before) + " MB)").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> usedHeap(observer), after -> after - before < 16L << 20);
            assertStillServes(observer);
        } finally {
            senders.shutdownNow();
        }
    }

    /**
     * A message whose fragments together pass the limit is closed with 1009 by the framework, before the
     * last fragment, and leaves nothing behind: no error reported for a connection already gone, which is
     * what Tyrus's own fragment buffer did on overflow, keeping the session and its buffer for good.
     */
    @OnBothTransports
    void anOversizeFragmentedMessageClosesWith1009() throws IOException {
        try (WireClient observer = connect()) {
            int before = ok(call(observer, "probe:errors", "read", "{}")).asJsonObject().getInt("withoutConnection");
            byte[] half = new byte[MAX_MESSAGE / 2 + 1];
            java.util.Arrays.fill(half, (byte) 'x');
            for (int i = 0; i < 20; i++) {
                int opcode = i % 2 == 0 ? RawWebSocket.TEXT : RawWebSocket.BINARY;
                try (RawWebSocket raw = RawWebSocket.connect(ws(), GOOD)) {
                    raw.sendFrame(false, opcode, half);
                    raw.sendFrame(false, RawWebSocket.CONTINUATION, half);
                    if (opcode == RawWebSocket.BINARY && Server.current() == Server.WILDFLY) {
                        // Undertow hands the application a binary message's unfinished continuation frames in whole
                        // 16 KB read buffers: the rest of the last one comes only once more fills it (README, Servers)
                        raw.sendFrame(false, RawWebSocket.CONTINUATION, new byte[UNDERTOW_READ_BUFFER + 1]);
                    }
                    RawWebSocket.Close close = raw.awaitClose(Duration.ofSeconds(10));
                    String kind = opcode == RawWebSocket.TEXT ? "text" : "binary";
                    assertEquals(new RawWebSocket.Close(1009, "a " + kind + " message may have at most " + MAX_MESSAGE
                            + " bytes"), close);
                }
            }
            // two fragments that fit make one message
            try (RawWebSocket raw = RawWebSocket.connect(ws(), GOOD).answerPings(true)) {
                byte[] whole = WireClient.request("f", "greeter:hello", "read", "{\"name\":\"two\"}")
                        .getBytes(StandardCharsets.UTF_8);
                raw.sendFrame(false, RawWebSocket.TEXT, java.util.Arrays.copyOfRange(whole, 0, 10));
                raw.sendFrame(true, RawWebSocket.CONTINUATION, java.util.Arrays.copyOfRange(whole, 10, whole.length));
                assertEquals("Hello, two!", json(raw.nextText(Duration.ofSeconds(5))).asJsonObject()
                        .getJsonObject("data").getString("message"));
            }
            JsonObject errors = ok(call(observer, "probe:errors", "read", "{}")).asJsonObject();
            assertEquals(before, errors.getInt("withoutConnection"), errors.toString());
            assertStillServes(observer);
        }
    }

    @OnBothTransports
    void invalidUtf8ClosesWith1007() throws IOException {
        byte[][] invalid = {
            {'{', (byte) 0xC3, (byte) 0x28, '}'},              // a broken two-byte sequence
            {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, // a lone surrogate, CESU-8 style
            {'"', (byte) 0xF0, (byte) 0x9F, (byte) 0x98},      // truncated at the end
            {(byte) 0xC0, (byte) 0xAF},                        // overlong
            {(byte) 0xFF},
        };
        try (WireClient bystander = connect()) {
            for (byte[] bytes : invalid) {
                try (RawWebSocket raw = RawWebSocket.connect(ws(), GOOD)) {
                    raw.sendTextBytes(bytes);
                    RawWebSocket.Close close = raw.awaitClose(Duration.ofSeconds(10));
                    assertEquals(1007, close.code(), "close after " + java.util.Arrays.toString(bytes) + ": " + close);
                }
            }
            assertStillServes(bystander);
        }
    }

    /** RFC 6455 lets a character be split across the fragments of a text message: that is valid UTF-8. */
    @OnBothTransports
    @OnlyOn(value = {Server.PAYARA, Server.WILDFLY}, because = "Open Liberty 25.0.0.10 decodes each fragment of a text"
            + " message on its own and closes with 1007 'Invalid UTF-8 data received.' when a character is split"
            + " across two; the container does it before the application sees the message")
    void aCharacterSplitAcrossFragmentsIsValid() throws IOException {
        try (WireClient bystander = connect()) {
            try (RawWebSocket raw = RawWebSocket.connect(ws(), GOOD)) {
                byte[] whole = WireClient.request("frag", "greeter:hello", "read", "{\"name\":\"😀\"}").getBytes(StandardCharsets.UTF_8);
                int split = indexOf(whole, (byte) 0xF0) + 2;
                raw.sendFrame(false, RawWebSocket.TEXT, java.util.Arrays.copyOfRange(whole, 0, split));
                raw.sendFrame(true, RawWebSocket.CONTINUATION, java.util.Arrays.copyOfRange(whole, split, whole.length));
                raw.answerPings(true);
                assertEquals("Hello, 😀!", json(raw.nextText(Duration.ofSeconds(5))).asJsonObject()
                        .getJsonObject("data").getString("message"));
            }
            assertStillServes(bystander);
        }
    }

    @OnBothTransports
    void numbersTooLongOrOutOfRangeAreErrorResponsesAndTheConnectionStaysUsable() {
        try (WireClient client = connect()) {
            String outOfRange = "malformed JSON: a number is out of range";
            String tooLong = "malformed JSON: a number longer than 1000 characters";
            Map<String, String> errors = Map.of("1e2147483648", outOfRange, "-1E-2147483649", outOfRange,
                    "1" + "0".repeat(1000), tooLong, "0." + "5".repeat(5000), tooLong);
            for (Map.Entry<String, String> number : errors.entrySet()) {
                client.send(WireClient.request("n", "greeter:hello", "read",
                        "{\"name\":\"x\",\"n\":" + number.getKey() + "}"));
                assertEquals(number.getValue(), client.nextJson().getString("error"));
                assertStillServes(client);
            }
        }
    }

    @OnBothTransports
    void deepJsonIsAnErrorResponseAndTheConnectionStaysUsable() {
        String tooDeep = "malformed JSON: JSON nested deeper than " + MAX_DEPTH + " levels";
        try (WireClient client = connect()) {
            for (String frame : List.of(
                    "[".repeat(MAX_DEPTH + 1) + "]".repeat(MAX_DEPTH + 1),
                    "[".repeat(30_000),
                    "{\"a\":".repeat(10_000),
                    WireClient.request("d1", "greeter:hello", "read", "{\"name\":\"x\",\"deep\":" + "[".repeat(100) + "]".repeat(100) + "}"))) {
                client.send(frame);
                assertEquals(json("{\"meta\":{\"status\":\"error\"},\"error\":\"" + tooDeep + "\"}"), client.nextJson(),
                        "answer to a frame of " + frame.length() + " characters");
                assertStillServes(client);
            }
            // exactly the limit parses
            client.send("[".repeat(MAX_DEPTH) + "]".repeat(MAX_DEPTH));
            assertEquals("a request must be a JSON object with meta and data", client.nextJson().getString("error"));
            // brackets inside strings, escaped quotes included, are not nesting
            String name = "\\\"" + "[{".repeat(200);
            JsonObject reply = call(client, "greeter:hello", "read", "{\"name\":\"" + name + "\"}");
            assertEquals("Hello, \"" + "[{".repeat(200) + "!", ok(reply).asJsonObject().getString("message"));
        }
    }

    /**
     * A lone surrogate (valid as a JSON escape, not encodable as UTF-8) sent back in a response, a setting
     * and a multicast: it arrives escaped, the same string, and the connections keep working. (It once
     * made Tyrus throw an Error inside the send, which left the outbox of every receiver stuck.)
     */
    @OnBothTransports
    void loneSurrogatesGoBackEscaped() {
        try (WireClient alice = connect(); WireClient bob = connect()) {
            String lone = "x" + '\uD800' + "y";
            assertEquals(JSON.createObjectBuilder().add("label", lone).build(),
                    ok(call(alice, "yoctopus:label", "update", "\"x\\ud800y\"")));
            assertEquals(lone, settings(alice).getJsonObject("yoctopus").getString("label"));

            ok(call(alice, "chat:room", "update", "{\"room\":\"surrogates\"}"));
            ok(call(bob, "chat:room", "update", "{\"room\":\"surrogates\"}"));
            alice.send(WireClient.request("say", "chat:message", "create", "{\"text\":\"\\udc00!\"}"));
            JsonObject heard = bob.nextJson();
            assertEquals("chat-message", heard.getJsonObject("meta").getString("type"), heard.toString());
            assertEquals('\uDC00' + "!", heard.getJsonObject("data").getString("text"));
            JsonObject own = alice.nextJson();
            assertEquals('\uDC00' + "!", own.getJsonObject("data").getString("text"), own.toString());
            assertEquals(json("{\"delivered\":2}"), ok(alice.nextJson()));
            assertStillServes(alice);
            assertStillServes(bob);
        }
    }

    // ---------------------------------------------------------------- rate limit

    @OnBothTransports
    void requestsAboveTheRateLimitAreAnsweredWithAnError() {
        // fewer than the outbox holds: where a send completes on another thread (WildFly), a burst of answers
        // waits there, and past it the connection would be closed as a client that does not read
        int count = OUTBOX_MESSAGES - 10;
        try (WireClient client = connect()) {
            for (int i = 0; i < count; i++) {
                client.send(WireClient.request("rate-" + i, "greeter:hello", "read", "{\"name\":\"r" + i + "\"}"));
            }
            int served = 0;
            int limited = 0;
            for (int i = 0; i < count; i++) {
                JsonObject reply = client.nextJson();
                JsonObject meta = reply.getJsonObject("meta");
                assertEquals("rate-" + i, meta.getString("id"), "answers in order: " + reply);
                if ("ok".equals(meta.getString("status"))) {
                    served++;
                } else {
                    assertEquals(json("{\"id\":\"rate-" + i + "\",\"endpoint\":\"greeter:hello\",\"method\":\"read\","
                            + "\"status\":\"error\"}"), meta);
                    assertEquals(RATE_LIMITED, reply.getString("error"));
                    limited++;
                }
                if (i < BURST) {
                    assertEquals("ok", meta.getString("status"), "the burst is served: " + reply);
                }
            }
            LOG.info(count + " requests at once: " + served + " served, " + limited + " over the rate limit");
            assertTrue(limited >= count / 2, limited + " of " + count + " refused");

            awaitServedAgain(client);
        }
    }

    /**
     * Frames that are no requests count against the rate limit as well: 100 frames at once, nine in ten of
     * them malformed JSON and every tenth a binary frame (which this connection, not logged in, may not
     * send). Each is answered, in order, either as it would be without a limit or with the rate-limit error
     * alone; the burst of a new connection is answered in full, at least half of the frames are refused,
     * at least one binary frame among them.
     */
    @OnBothTransports
    void malformedAndBinaryFramesCountAgainstTheRateLimit() {
        int count = 100;
        String notLoggedIn = "requirement not met: auth.authenticated = true";
        try (WireClient client = connect()) {
            for (int i = 0; i < count; i++) {
                if (i % 10 == 9) {
                    client.sendBinary(new byte[] {(byte) i});
                } else {
                    client.send("{not json " + i);
                }
            }
            int limitedText = 0;
            int limitedBinary = 0;
            for (int i = 0; i < count; i++) {
                JsonObject reply = client.nextJson();
                assertEquals(json("{\"status\":\"error\"}"), reply.getJsonObject("meta"), reply.toString());
                String error = reply.getString("error");
                boolean binary = i % 10 == 9;
                if (error.equals(RATE_LIMITED)) {
                    if (binary) {
                        limitedBinary++;
                    } else {
                        limitedText++;
                    }
                } else if (binary) {
                    assertEquals(notLoggedIn, error, "answer to binary frame " + i);
                } else {
                    assertTrue(error.startsWith("malformed JSON: "), "answer to text frame " + i + ": " + error);
                }
                if (i < BURST) {
                    assertFalse(error.equals(RATE_LIMITED), "the burst is answered: frame " + i);
                }
            }
            LOG.info(count + " malformed and binary frames at once: " + limitedText + " text and " + limitedBinary
                    + " binary frames over the rate limit");
            assertTrue(limitedText + limitedBinary >= count / 2, (limitedText + limitedBinary) + " of " + count + " refused");
            assertTrue(limitedBinary >= 1, "no binary frame was refused");

            awaitServedAgain(client);
            assertStillServes(client);
        }
    }

    /**
     * Waits until the rate limit lets a request through again: the bucket refills at {@link #RATE} a second,
     * and each probe (every 100 ms) takes one token of the five that come back meanwhile.
     */
    private void awaitServedAgain(WireClient client) {
        await("a request is served again").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> "ok".equals(call(client, "greeter:hello", "read", "{\"name\":\"again\"}")
                        .getJsonObject("meta").getString("status")));
    }

    // ---------------------------------------------------------------- slow consumers

    /**
     * A client that never reads while the server pushes 2000 notifications of 60 KB at it: its outbox
     * overflows and it is closed with 1008 (its closed event fires, it leaves the connections), the heap
     * does not keep the pushed messages, and other clients are served all along. The non-reading client
     * sends unsolicited pongs, so that the heartbeat does not close it first.
     */
    @OnBothTransports
    void aClientThatDoesNotReadIsClosedOnOverflowAndMemoryStaysBounded() throws Exception {
        int count = 2000;
        int size = 60_000;
        ScheduledExecutorService pongs = Executors.newSingleThreadScheduledExecutor();
        ExecutorService others = Executors.newSingleThreadExecutor();
        try (WireClient observer = connect(); WireClient pusher = connect();
                RawWebSocket sink = RawWebSocket.connect(ws(), GOOD).answerPings(true)) {
            long before = usedHeap(observer);
            sink.sendText(WireClient.request("w", "probe:whoami", "read", "{}"));
            String id = json(sink.nextText(Duration.ofSeconds(5))).asJsonObject().getJsonObject("data").getString("id");
            pongs.scheduleAtFixedRate(() -> {
                try {
                    sink.sendPong(new byte[0]);
                } catch (IOException gone) {
                    // closed by the server: what the test waits for
                }
            }, 0, PING_INTERVAL / 4, TimeUnit.MILLISECONDS);

            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicInteger servedMeanwhile = new AtomicInteger();
            try (WireClient bystander = connect()) {
                Future<?> served = others.submit(() -> {
                    while (flooding.get()) {
                        assertStillServes(bystander);
                        servedMeanwhile.incrementAndGet();
                        pause(1000 / RATE * 2);   // the bystander's pace, half the rate limit: the scenario
                    }
                    return null;
                });
                long start = System.nanoTime();
                JsonObject flood = call(pusher, "probe:flood", "create",
                        "{\"target\":\"" + id + "\",\"count\":" + count + ",\"size\":" + size + "}");
                assertEquals(json("{\"found\":true,\"pushed\":" + count + "}"), ok(flood));
                LOG.info("pushed " + count + " x " + size + " characters in "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");

                assertEquals("1008 outbound queue full: the client does not read", awaitClosedEvent(observer, id));
                await("the non-reading connection " + id + " leaves the registry").atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(100)).until(() -> !connectionIds(observer).contains(id));
                flooding.set(false);
                served.get(10, TimeUnit.SECONDS);
            }
            assertTrue(servedMeanwhile.get() > 0, "the other client was served during the flood");
            assertStillServes(observer);
            assertStillServes(pusher);

            long after = usedHeap(observer);
            LOG.info("server heap after a full GC: " + mb(before) + " MB before the flood, " + mb(after)
                    + " MB after it (" + count + " x " + size + " characters = " + mb((long) count * size)
                    + " MB pushed at the client that does not read)");
            assertTrue(after - before < 64L << 20, "the heap grew from " + mb(before) + " MB to " + mb(after) + " MB");
            assertEquals(json("{\"found\":false}"), ok(call(pusher, "probe:flood", "create",
                    "{\"target\":\"" + id + "\",\"count\":1,\"size\":1}")), "the closed connection is gone");
        } finally {
            pongs.shutdownNow();
            others.shutdownNow();
        }
    }

    /**
     * A client that stops reading is closed with 1008 when its outbox overflows, and it reads that close frame,
     * with the reason, once it reads again: the server drops what it had not yet handed to the container, lets the
     * rest reach the client, has the client confirm with a pong, and only then closes. Containers that close a
     * session with writes still pending drop the close frame with them (the client saw 1006), and Tyrus logged a
     * stack trace for each cancelled write.
     */
    @OnBothTransports
    void aClientThatStopsReadingReadsItsCloseCodeOnceItReadsAgain() throws Exception {
        try (WireClient observer = connect(); WireClient pusher = connect();
                RawWebSocket slow = RawWebSocket.connect(ws(), GOOD).answerPings(true)) {
            int stackTracesBefore = ok(call(observer, "probe:container-log", "read", "{}")).asJsonObject()
                    .getInt("stackTraces");
            slow.sendText(WireClient.request("w", "probe:whoami", "read", "{}"));
            String id = json(slow.nextText(Duration.ofSeconds(5))).asJsonObject().getJsonObject("data").getString("id");
            // the client reads nothing from here on: enough to fill the socket buffers and then the outbox
            JsonObject flood = call(pusher, "probe:flood", "create",
                    "{\"target\":\"" + id + "\",\"count\":" + (OUTBOX_MESSAGES * 4) + ",\"size\":60000}");
            assertEquals(json("{\"found\":true,\"pushed\":" + OUTBOX_MESSAGES * 4 + "}"), ok(flood));

            int notifications = 0;
            RawWebSocket.Frame close = null;
            while (close == null) {   // reading again, well within the close timeout
                RawWebSocket.Frame frame = slow.readFrame(Duration.ofSeconds(CLOSE_TIMEOUT / 1000 + 5));
                assertNotNull(frame, "neither a message nor the close frame came");
                if (frame.opcode() == RawWebSocket.CLOSE) {
                    close = frame;
                } else if (frame.opcode() == RawWebSocket.TEXT) {
                    notifications++;
                }
            }
            assertEquals(1008, close.closeCode(), close.closeReason());
            assertEquals("outbound queue full: the client does not read", close.closeReason());
            assertTrue(notifications < OUTBOX_MESSAGES * 4, "what waited in the outbox was dropped: " + notifications);
            assertEquals("1008 outbound queue full: the client does not read", awaitClosedEvent(observer, id));
            assertEquals(stackTracesBefore, ok(call(observer, "probe:container-log", "read", "{}")).asJsonObject()
                    .getInt("stackTraces"), "the container logged a stack trace for the close");
            assertStillServes(pusher);
        }
    }

    // ---------------------------------------------------------------- connection limit

    /**
     * Up to the limit, one by one: the next handshake gets HTTP 403; one leaving lets a new one in. Then
     * ten handshakes at once for five free places: exactly five stay open (the others get 403, or, when
     * admitted together past the handshake check, a close with 1013 right after opening).
     */
    @OnBothTransports
    void pastMaxConnectionsHandshakesAreRefused() throws Exception {
        List<RawWebSocket> opened = Collections.synchronizedList(new ArrayList<>());
        ExecutorService crowd = Executors.newFixedThreadPool(10);
        try (WireClient admin = connect()) {
            awaitConnectionCount(admin, 1); // the earlier tests' connections are gone
            int refusedAt = -1;
            for (int i = 0; i < MAX_CONNECTIONS + 5 && refusedAt < 0; i++) {
                try {
                    RawWebSocket socket = RawWebSocket.connect(ws(), GOOD).answerPings(true).readInBackground();
                    opened.add(socket);
                    assertServed(socket); // open on the server too, before the next handshake
                } catch (RawWebSocket.HandshakeRefused refused) {
                    assertEquals(403, refused.status());
                    refusedAt = i;
                }
            }
            assertEquals(MAX_CONNECTIONS - 1, refusedAt, "handshakes accepted before the first refusal (plus admin)");
            assertEquals(MAX_CONNECTIONS, connectionCount(admin));
            assertEquals(403, RawWebSocket.handshakeStatus(ws(), GOOD), "still full");

            RawWebSocket leaving = opened.remove(0);
            leaving.sendClose(1000, "bye");
            leaving.awaitClose(Duration.ofSeconds(10));
            leaving.close();
            awaitConnectionCount(admin, MAX_CONNECTIONS - 1);
            RawWebSocket newcomer = RawWebSocket.connect(ws(), GOOD).answerPings(true).readInBackground();
            opened.add(newcomer);
            assertServed(newcomer);

            for (int i = 0; i < 5; i++) {
                RawWebSocket gone = opened.remove(0);
                gone.sendClose(1000, "make room");
                gone.close();
            }
            awaitConnectionCount(admin, MAX_CONNECTIONS - 5);
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                outcomes.add(crowd.submit(() -> {
                    try {
                        RawWebSocket socket = RawWebSocket.connect(ws(), GOOD).answerPings(true).readInBackground();
                        opened.add(socket);
                        socket.sendText(WireClient.request("crowd", "greeter:hello", "read", "{\"name\":\"crowd\"}"));
                        try {
                            socket.nextText(Duration.ofSeconds(10));
                            return "open";
                        } catch (AssertionError closed) {
                            return "closed " + socket.awaitClose(Duration.ofSeconds(5)).code();
                        }
                    } catch (RawWebSocket.HandshakeRefused refused) {
                        return "refused " + refused.status();
                    }
                }));
            }
            Map<String, Integer> tally = new java.util.TreeMap<>();
            for (Future<String> outcome : outcomes) {
                tally.merge(outcome.get(30, TimeUnit.SECONDS), 1, Integer::sum);
            }
            LOG.info("10 handshakes at once for 5 places: " + tally);
            assertEquals(5, tally.getOrDefault("open", 0), tally.toString());
            assertEquals(5, tally.getOrDefault("refused 403", 0) + tally.getOrDefault("closed 1013", 0), tally.toString());
            assertEquals(MAX_CONNECTIONS, connectionCount(admin));
        } finally {
            crowd.shutdownNow();
            opened.forEach(RawWebSocket::close);
        }
        try (WireClient admin = connect()) {
            awaitConnectionCount(admin, 1);
        }
    }

    private static void assertServed(RawWebSocket socket) throws IOException {
        socket.sendText(WireClient.request("in", "greeter:hello", "read", "{\"name\":\"in\"}"));
        assertEquals("Hello, in!", json(socket.nextText(Duration.ofSeconds(10))).asJsonObject()
                .getJsonObject("data").getString("message"));
    }

    // ---------------------------------------------------------------- shutdown (second server)

    /**
     * Stops the second server as its launcher would (SIGTERM): every open connection gets a close frame
     * with 1001, and the closed events fire (the probe appends them to {@link #CLOSED_LOG}); on Payara Micro the
     * connections of the Vert.x transport (over wss there) too.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    @OnlyOn(value = {Server.PAYARA, Server.WILDFLY}, because = "Open Liberty 25.0.0.10 stops its HTTP channels as it"
            + " begins to stop, before the application: every connection breaks (the client sees 1006) before the"
            + " framework can close it")
    void shutdownClosesEveryConnectionWith1001() throws Exception {
        ServerProcess server = secondServer();
        URI ws = URI.create("ws://localhost:" + server.httpPort() + "/" + Deployments.WS_PATH);
        boolean vertx = TransportInvocations.transports(Server.current()).contains(Transport.VERTX);
        try (WireClient jdk = WireClient.connect(ws);
                RawWebSocket raw = RawWebSocket.connect(ws, Map.of()).answerPings(true).readInBackground();
                WireClient overVertx = vertx ? WireClient.connect(trustingSecondServer(),
                        URI.create("wss://localhost:" + secondServerVertxPort + "/" + Deployments.WS_PATH), Map.of())
                        : null) {
            jdk.send(WireClient.request("s1", "probe:whoami", "read", "{}"));
            String jdkId = jdk.nextJson().getJsonObject("data").getString("id");
            raw.sendText(WireClient.request("s2", "probe:whoami", "read", "{}"));
            String rawId = json(raw.nextText(Duration.ofSeconds(5))).asJsonObject().getJsonObject("data").getString("id");
            List<String> ids = new ArrayList<>(List.of(jdkId, rawId));
            if (overVertx != null) {
                overVertx.send(WireClient.request("s3", "probe:whoami", "read", "{}"));
                ids.add(overVertx.nextJson().getJsonObject("data").getString("id"));
            }

            server.terminate();
            // WildFly suspends first on SIGTERM, and Undertow then closes every session itself, with 1001 and no
            // reason, before the application hears of the shutdown (README, Servers)
            String reason = Server.current() == Server.WILDFLY ? "" : "server shutting down";
            assertEquals(1001, jdk.awaitClose(), jdk.closeReason());
            assertEquals(reason, jdk.closeReason());
            assertEquals(new RawWebSocket.Close(1001, reason), raw.awaitClose(Duration.ofSeconds(30)));
            if (overVertx != null) {
                assertEquals(1001, overVertx.awaitClose(), overVertx.closeReason());
                assertEquals("server shutting down", overVertx.closeReason());
            }

            assertTrue(server.awaitExit(60), Server.current().id() + " did not stop");
            String closedEvents = Files.readString(CLOSED_LOG);
            for (String id : ids) {
                assertTrue(closedEvents.contains("probe: connection " + id + " closed 1001 " + reason + "\n"),
                        "no closed event for " + id + ": " + closedEvents + "\nserver output:\n" + server.tail());
            }
        }
    }

    // ---------------------------------------------------------------- fuzz

    /**
     * A few thousand random and mutated frames from several connections at once, then a fresh client
     * must be served correctly, and no handler or listener failure may have been reported (transport
     * errors of the fuzzing connections are allowed). Frames are paced under the rate limit, so that most
     * requests go all the way through parsing, binding and validation.
     */
    @OnBothTransports
    void fuzzedFramesHurtNoOne() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        LOG.info("fuzz seed " + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
        int connections = 8;
        int framesEach = 400;
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<Fuzzer.Tally>> tallies = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Fuzzer fuzzer = new Fuzzer(new Random(seed + i), ws(), GOOD, MAX_MESSAGE, RATE - 10);
            tallies.add(pool.submit(() -> fuzzer.run(framesEach)));
        }
        Fuzzer.Tally total = new Fuzzer.Tally();
        try {
            for (Future<Fuzzer.Tally> tally : tallies) {
                total.add(tally.get(5, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        LOG.info("fuzz: " + total);
        assertEquals(connections * framesEach, total.sent, total.toString());
        assertTrue(total.closes.isEmpty(), "valid UTF-8 under the size limit closed connections: " + total);
        assertTrue(total.ok > 0 && total.errors > 0, total.toString());

        // the protocol-level abuse, one connection per frame: closing those is fine
        Fuzzer.Tally abuse = new Fuzzer(new Random(seed), ws(), GOOD, MAX_MESSAGE, RATE - 10).runProtocolAbuse();
        LOG.info("protocol abuse: " + abuse);

        try (WireClient fresh = connect()) {
            assertStillServes(fresh);
            JsonObject reply = call(fresh, "formats:all-types", "create", """
                    {"s":"text","n":3.5,"b":true,"a":[1],"o":{},"e":"alice@example.com","h":"api.example.com",
                     "d":"2024-02-29","u":"active","c":2,
                     "nested":{"user":{"name":"A","address":{"street":"s","city":"c","zip":"1"}}}}""");
            ok(reply);
            JsonObject errors = ok(call(fresh, "probe:errors", "read", "{}")).asJsonObject();
            LOG.info("errors reported during the fuzz run: " + errors);
            assertEquals(0, errors.getInt("withoutConnection"), errors.toString());
            assertEquals(0, errors.getInt("ENDPOINT"), errors.toString());
            assertEquals(0, errors.getInt("LISTENER"), errors.toString());
        }
    }

    // ---------------------------------------------------------------- helpers

    private URI ws() {
        return transport.uri(base);
    }

    private WireClient connect() {
        return WireClient.connect(ws(), GOOD);
    }

    private JsonObject call(WireClient client, String endpoint, String method, String data) {
        String id = "c" + ids.incrementAndGet();
        client.send(WireClient.request(id, endpoint, method, data));
        JsonObject reply = client.nextJson();
        assertEquals(id, reply.getJsonObject("meta").getString("id", null), "id echoed in " + reply);
        return reply;
    }

    private static JsonValue ok(JsonObject reply) {
        assertEquals("ok", reply.getJsonObject("meta").getString("status"), "expected success: " + reply);
        return reply.get("data");
    }

    private void assertStillServes(WireClient client) {
        String id = "g" + ids.incrementAndGet();
        client.send(WireClient.request(id, "greeter:hello", "read", "{\"name\":\"" + id + "\"}"));
        assertEquals(json("{\"meta\":{\"id\":\"" + id + "\",\"endpoint\":\"greeter:hello\",\"method\":\"read\","
                + "\"status\":\"ok\"},\"data\":{\"message\":\"Hello, " + id + "!\"}}"), client.nextJson(),
                "the connection still serves greeter requests");
    }

    private JsonObject settings(WireClient client) {
        return ok(call(client, "inspect:connection", "read", "{}")).asJsonObject();
    }

    private List<String> connectionIds(WireClient client) {
        return ok(call(client, "probe:connections", "read", "{}")).asJsonObject().getJsonArray("ids")
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private int connectionCount(WireClient client) {
        return ok(call(client, "probe:connections", "read", "{}")).asJsonObject().getInt("count");
    }

    private void awaitConnectionCount(WireClient client, int expected) {
        await(expected + " open connections").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> connectionCount(client), count -> count == expected);
    }

    /** {@code "<code> <reason>"} of a connection's closed event, waiting up to 15 s for it. */
    private String awaitClosedEvent(WireClient client, String connectionId) {
        return await("the closed event of " + connectionId).atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ok(call(client, "probe:closed", "read", "{\"target\":\"" + connectionId + "\"}"))
                        .asJsonObject(), data -> data.containsKey("closed"))
                .getString("closed");
    }

    private long usedHeap(WireClient client) {
        return ok(call(client, "probe:memory", "read", "{}")).asJsonObject().getJsonNumber("used").longValue();
    }

    private static long mb(long bytes) {
        return bytes >> 20;
    }

    static JsonValue json(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** For a client's pace, which is part of a scenario; a wait for the server is Awaitility's. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
