package io.yoctopus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.it.extjar.Echo;
import io.yoctopus.it.extjar.ExtPlugin;
import io.yoctopus.it.extjar.LabelIsVip;
import io.yoctopus.it.extjar.Later;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The wire protocol and the demo plugins over a real socket, against the real WAR on the server under test.
 *
 * <p>One deployment (one server start) for everything: the built WAR with the example plugin in {@code WEB-INF/lib}
 * (the example overlay project's WAR, {@link ExampleBoard}), plus a separate bean archive in
 * {@code WEB-INF/lib} holding the test plugin {@code ext} ({@link ExtPlugin}), plus endpoint aliases
 * from MicroProfile Config, one from the library jar's {@code META-INF/microprofile-config.properties}
 * and one from the WAR's {@code WEB-INF/classes/META-INF/microprofile-config.properties}.
 *
 * <p>Every test opens its own connection(s). Messages are collected by {@link WireClient} and asserted
 * on the test thread; each error path is followed by a greeter request on the same connection.
 */
@ExtendWith(ArquillianExtension.class)
class WireProtocolIT implements TransportAware {

    private static final JsonProvider JSON = JsonProvider.provider();

    /** Aliases: the library jar's config file renames {@code ext:echo}, the WAR's renames {@code ext:ping}. */
    static final String JAR_ALIAS = "echo-alias";
    static final String WAR_ALIAS = "ping-alias";

    @ArquillianResource
    URL base;

    /** The transport of the current run ({@link OnBothTransports}). */
    private Transport transport = Transport.CONTAINER;

    @Override
    public void use(Transport transport) {
        this.transport = transport;
    }

    private final AtomicInteger ids = new AtomicInteger(1000);

    @Deployment(testable = false)
    static WebArchive deployment() {
        JavaArchive ext = ShrinkWrap.create(JavaArchive.class, "yoctopus-it-ext.jar")
                .addClasses(ExtPlugin.class, Echo.class, Later.class, LabelIsVip.class)
                .addAsManifestResource(Deployments.BEANS_XML, "beans.xml")
                .addAsManifestResource(new StringAsset("yoctopus.plugin.ext.alias.echo=" + JAR_ALIAS + "\n"),
                        "microprofile-config.properties");
        // the framework's WAR with the example plugin in WEB-INF/lib, as the example's overlay project builds it
        return Deployments.withVertxTransport(Deployments.war(ExampleBoard.built(ExampleBoard.OVERLAY_WAR), ext))
                // pings every 2 s, not every 250 ms: a loaded test machine must not drop a test's connection
                .addAsResource(new StringAsset("yoctopus.plugin.ext.alias.ping=" + WAR_ALIAS + "\n"
                                + "yoctopus.ping-interval=2000\n"),
                        "META-INF/microprofile-config.properties");
    }

    // ---------------------------------------------------------------- the happy path

    /**
     * The example plugin (examples/plugin), built in a project of its own against the API jar, deployed in the WAR
     * by the example's overlay project, on which this class's WAR is built: a full bean, its jar's beans and the
     * framework's injected, its observer called.
     */
    @Test
    void theExamplePluginInsideTheWarByOverlayWorks() {
        ExampleBoard.exercise(this::connect);
    }

    @OnBothTransports
    void greeterHelloAnswersExactly() {
        try (WireClient client = connect()) {
            client.send(WireClient.request("1", "greeter:hello", "read", "{\"name\":\"Alice\"}"));
            assertEquals(json("""
                    {"meta":{"id":"1","endpoint":"greeter:hello","method":"read","status":"ok"},
                     "data":{"message":"Hello, Alice!"}}"""), client.nextJson());
        }
    }

    @OnBothTransports
    void allTypesValidRequestIsEchoed() {
        String data = """
                {"s":"text","n":3.5,"b":true,"a":[1,"two",{"three":3}],"o":{"k":"v","n":[1,2]},
                 "e":"alice@example.com","h":"api.example.com","d":"2024-02-29T12:00:00Z","u":"pending","c":2,
                 "nested":{"user":{"name":"Alice","address":{"street":"Main St 1","city":"Springfield","zip":"12345"}}}}""";
        try (WireClient client = connect()) {
            client.send(WireClient.request("echo", "formats:all-types", "create", data));
            JsonObject reply = client.nextJson();
            assertOk(reply, "echo", "formats:all-types", "create");
            assertEquals(json(data), reply.get("data"));
            assertStillServes(client);
        }
    }

    /**
     * The Vert.x transport, which this class's deployment enables on its own port on every server, serves there: the
     * WAR with Vert.x and Netty inside deploys, starts the transport and answers on WildFly and Open Liberty too
     * (their own Netty does not clash with the WAR's), and stops with the undeployment (the next class's deployment
     * takes the same port). Payara Micro runs every other test here on it too ({@link OnBothTransports}).
     */
    @Test
    void theVertxTransportServesOnEveryServer() {
        try (WireClient client = WireClient.connect(Transport.VERTX.uri(base))) {
            assertEquals(json("{\"message\":\"Hello, Vert.x!\"}"), ok(call(client, "greeter:hello", "read",
                    "{\"name\":\"Vert.x\"}")));
        }
    }

    // ---------------------------------------------------------------- protocol errors

    @OnBothTransports
    void malformedJsonIsAnsweredAndTheConnectionSurvives() {
        try (WireClient client = connect()) {
            for (String frame : List.of("not json", "{\"meta\":", "{\"meta\":{\"id\":1,}}", "")) {
                client.send(frame);
                JsonObject reply = client.nextJson();
                assertEquals(json("{\"status\":\"error\"}"), reply.get("meta"), "meta of the answer to: " + frame);
                String error = reply.getString("error");
                assertTrue(error.startsWith("malformed JSON: "), "answer to '" + frame + "': " + error);
                assertStillServes(client);
            }
        }
    }

    /**
     * One frame is one JSON value with each key once per object: what follows the request, and a second
     * {@code meta} (which a lenient reader would let win, running {@code auth:dashboard} for a client
     * that is no admin), are malformed JSON, and the connection keeps serving.
     */
    @OnBothTransports
    void contentAfterTheRequestAndDuplicateKeysAreMalformed() {
        try (WireClient client = connect()) {
            ok(call(client, "auth:session", "create", "{\"username\":\"bob\",\"password\":\"secret\"}"));

            client.send(WireClient.request("t1", "auth:profile", "read", "{}") + " }}}garbage");
            assertEquals(json("""
                    {"meta":{"status":"error"},"error":"malformed JSON: unexpected content after the JSON value"}"""),
                    client.nextJson());
            assertStillServes(client);

            client.send("""
                    {"meta":{"id":"d1","endpoint":"auth:profile","method":"read"},"data":{},
                     "meta":{"id":"d2","endpoint":"auth:dashboard","method":"read"}}""");
            assertEquals(json("""
                    {"meta":{"status":"error"},"error":"malformed JSON: duplicate key 'meta'"}"""), client.nextJson());
            assertStillServes(client);

            client.send(WireClient.request("d3", "greeter:hello", "read", "{\"name\":\"A\",\"name\":\"B\"}"));
            assertEquals(json("""
                    {"meta":{"status":"error"},"error":"malformed JSON: duplicate key 'name'"}"""), client.nextJson());
            assertStillServes(client);
        }
    }

    @OnBothTransports
    void aFrameThatIsNotAnObjectIsAnswered() {
        try (WireClient client = connect()) {
            for (String frame : List.of("[1,2,3]", "\"hello\"", "42", "null", "true")) {
                client.send(frame);
                assertEquals(json("""
                        {"meta":{"status":"error"},"error":"a request must be a JSON object with meta and data"}"""),
                        client.nextJson(), "answer to: " + frame);
                assertStillServes(client);
            }
        }
    }

    @OnBothTransports
    void missingOrInvalidMetaIsAnswered() {
        try (WireClient client = connect()) {
            for (String frame : List.of("{\"data\":{\"name\":\"Alice\"}}", "{\"meta\":\"greeter:hello\",\"data\":{}}",
                    "{\"meta\":[1],\"data\":{}}", "{}")) {
                client.send(frame);
                assertEquals(json("""
                        {"meta":{"status":"error"},"error":"meta is missing or not an object"}"""),
                        client.nextJson(), "answer to: " + frame);
                assertStillServes(client);
            }
        }
    }

    @OnBothTransports
    void missingEndpointOrMethodIsAnsweredWithTheIdEchoed() {
        try (WireClient client = connect()) {
            client.send("{\"meta\":{\"id\":3},\"data\":{}}");
            assertEquals(json("""
                    {"meta":{"id":3,"status":"error"},
                     "error":["meta.endpoint is missing or not a string","meta.method is missing or not a string"]}"""),
                    client.nextJson());
            assertStillServes(client);

            client.send("{\"meta\":{\"id\":\"3b\",\"endpoint\":\"greeter:hello\"},\"data\":{\"name\":\"Alice\"}}");
            assertEquals(json("""
                    {"meta":{"id":"3b","endpoint":"greeter:hello","status":"error"},
                     "error":"meta.method is missing or not a string"}"""), client.nextJson());
            assertStillServes(client);

            client.send("{\"meta\":{\"id\":{\"n\":1},\"endpoint\":7,\"method\":\"read\"},\"data\":{}}");
            assertEquals(json("""
                    {"meta":{"id":{"n":1},"method":"read","status":"error"},
                     "error":"meta.endpoint is missing or not a string"}"""), client.nextJson());
            assertStillServes(client);
        }
    }

    @OnBothTransports
    void unknownEndpointAndUnknownMethodAreAnswered() {
        try (WireClient client = connect()) {
            client.send(WireClient.request("4", "nope:x", "read", "{}"));
            assertEquals(json("""
                    {"meta":{"id":"4","endpoint":"nope:x","method":"read","status":"error"},
                     "error":"unknown endpoint 'nope:x'"}"""), client.nextJson());
            assertStillServes(client);

            client.send(WireClient.request("5", "greeter:hello", "zap", "{\"name\":\"Alice\"}"));
            assertEquals(json("""
                    {"meta":{"id":"5","endpoint":"greeter:hello","method":"zap","status":"error"},
                     "error":"endpoint 'greeter:hello' has no method 'zap' (it has: read)"}"""), client.nextJson());
            assertStillServes(client);

            // what the client named is repeated at most 64 characters long
            String longName = "x".repeat(50_000);
            client.send(WireClient.request("5a", longName, "read", "{}"));
            assertEquals("unknown endpoint '" + "x".repeat(64) + "…'", errorOf(client.nextJson(), "5a", longName, "read"));
            assertStillServes(client);

            // an endpoint of a plugin with several methods lists them, sorted
            client.send(WireClient.request("5b", "auth:session", "read", "{}"));
            assertEquals("endpoint 'auth:session' has no method 'read' (it has: create, delete)",
                    errorOf(client.nextJson(), "5b", "auth:session", "read"));
            assertStillServes(client);
        }
    }

    @OnBothTransports
    void validationFailuresNameEveryPath() {
        String data = """
                {"s":5,"n":"x","a":{},"o":[],"e":"not-an-email","h":"bad_host!","d":"yesterday","u":"deleted","c":-1,
                 "nested":{"user":{"name":"Bob","address":{"street":"Main St 1","city":"Springfield"}}}}""";
        try (WireClient client = connect()) {
            client.send(WireClient.request("6", "formats:all-types", "create", data));
            JsonObject reply = client.nextJson();
            assertEquals(json("""
                    {"id":"6","endpoint":"formats:all-types","method":"create","status":"error"}"""), reply.get("meta"));
            List<String> errors = strings(reply.getJsonArray("error"));
            assertEquals(List.of("s", "n", "b", "a", "o", "e", "h", "d", "u", "c", "nested.user.address.zip"),
                    errors.stream().map(error -> error.substring(0, error.indexOf(": "))).toList(), errors.toString());
            List<String> exact = new ArrayList<>(errors);
            exact.removeIf(error -> error.startsWith("e: ")); // Bean Validation's own message, localized
            assertEquals(List.of(
                    "s: must be a string",
                    "n: must be a number",
                    "b: is required",
                    "a: must be an array",
                    "o: must be an object",
                    "h: must be a valid hostname",
                    "d: must be an ISO 8601 date or date-time",
                    "u: must be one of active, inactive, pending",
                    "c: must be greater than 0",
                    "nested.user.address.zip: is required"), exact);
            assertStillServes(client);

            client.send(WireClient.request("6b", "formats:all-types", "create", """
                    {"s":"s","n":1,"b":false,"a":[],"o":{},"e":"a@b.example","h":"h","d":"2024-01-01","u":"active","c":1,
                     "nested":{"user":5}}"""));
            assertEquals("nested.user: must be an object", errorOf(client.nextJson(), "6b", "formats:all-types", "create"));
            assertStillServes(client);

            client.send("{\"meta\":{\"id\":\"6c\",\"endpoint\":\"formats:all-types\",\"method\":\"create\"}}");
            assertEquals("data: must be an object", errorOf(client.nextJson(), "6c", "formats:all-types", "create"));
            assertStillServes(client);

            client.send(WireClient.request("6e", "formats:all-types", "create", """
                    {"s":"s","n":1e400,"b":false,"a":[],"o":{},"e":"a@b.example","h":"h","d":"2024-01-01","u":"active","c":1,
                     "nested":{"user":{"name":"Bob","address":{"street":"Main St 1","city":"Springfield","zip":"1"}}}}"""));
            assertEquals("n: must be a finite number within the range of double",
                    errorOf(client.nextJson(), "6e", "formats:all-types", "create"));
            assertStillServes(client);

            client.send(WireClient.request("6d", "greeter:hello", "read", "{\"name\":42}"));
            assertEquals("name: must be a string", errorOf(client.nextJson(), "6d", "greeter:hello", "read"));
            assertStillServes(client);
        }
    }

    @OnBothTransports
    void aBinaryFrameBeforeLoginIsAnsweredWithAnError() {
        try (WireClient client = connect()) {
            client.sendBinary("{\"meta\":{}}".getBytes(StandardCharsets.UTF_8));
            assertEquals(json("{\"meta\":{\"status\":\"error\"},\"error\":\"requirement not met: auth.authenticated = true\"}"),
                    client.nextJson());
            assertStillServes(client);
        }
    }

    // ---------------------------------------------------------------- handler failures, async handlers

    @OnBothTransports
    void aThrowingHandlerAnswersInternalErrorWithoutDetails() {
        try (WireClient client = connect()) {
            client.send(WireClient.request("7", "ext:boom", "read", "{}"));
            String raw = client.next();
            assertEquals(json("""
                    {"meta":{"id":"7","endpoint":"ext:boom","method":"read","status":"error"},"error":"internal error"}"""),
                    json(raw));
            assertNoLeak(raw);
            assertStillServes(client);
        }
    }

    @OnBothTransports
    void asynchronousHandlersAnswerInOrder() {
        try (WireClient client = connect()) {
            // all sent at once: each request waits for the previous (slow, asynchronous) one to be answered
            client.send(WireClient.request("a1", "ext:later", "read", "{\"value\":\"first\",\"delayMillis\":300}"));
            client.send(WireClient.request("a2", "greeter:hello", "read", "{\"name\":\"after-async\"}"));
            client.send(WireClient.request("a3", "ext:later-boom", "read", "{\"value\":\"x\",\"delayMillis\":100}"));
            client.send(WireClient.request("a4", "ext:later-reject", "read", "{\"value\":\"nope\",\"delayMillis\":100}"));
            client.send(WireClient.request("a5", "ext:later", "read", "{\"value\":\"second\",\"delayMillis\":0}"));
            client.send(WireClient.request("a6", "inspect:connection", "read", "{}"));

            JsonObject first = client.nextJson();
            assertOk(first, "a1", "ext:later", "read");
            assertEquals(json("{\"value\":\"first\"}"), first.get("data"));

            JsonObject greeting = client.nextJson();
            assertOk(greeting, "a2", "greeter:hello", "read");
            assertEquals("Hello, after-async!", greeting.getJsonObject("data").getString("message"));

            String failedRaw = client.next();
            assertEquals("internal error", errorOf(json(failedRaw).asJsonObject(), "a3", "ext:later-boom", "read"));
            assertNoLeak(failedRaw);

            assertEquals("rejected later: nope", errorOf(client.nextJson(), "a4", "ext:later-reject", "read"));

            JsonObject second = client.nextJson();
            assertOk(second, "a5", "ext:later", "read");
            assertEquals(json("{\"value\":\"second\"}"), second.get("data"));

            // the settings written by an asynchronous Reply are applied before the next request runs
            JsonObject inspect = client.nextJson();
            assertOk(inspect, "a6", "inspect:connection", "read");
            assertEquals(json("{\"last\":\"second\"}"), inspect.getJsonObject("data").get("ext"));
            assertStillServes(client);
        }
    }

    @OnBothTransports
    void twentyRequestsSentBackToBackAreAnsweredInOrder() {
        int count = 20;
        try (WireClient client = connect()) {
            for (int i = 0; i < count; i++) {
                client.send(WireClient.request("seq-" + i, "greeter:hello", "read", "{\"name\":\"n" + i + "\"}"));
            }
            List<String> ids = new ArrayList<>();
            List<String> messages = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                JsonObject reply = client.nextJson();
                ids.add(reply.getJsonObject("meta").getString("id"));
                messages.add(reply.getJsonObject("data").getString("message"));
            }
            List<String> expectedIds = new ArrayList<>();
            List<String> expectedMessages = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                expectedIds.add("seq-" + i);
                expectedMessages.add("Hello, n" + i + "!");
            }
            assertEquals(expectedIds, ids);
            assertEquals(expectedMessages, messages);
            assertEquals(0, client.pending(), "no extra messages");
        }
    }

    // ---------------------------------------------------------------- quotas

    /**
     * Behind a request that its handler holds ({@code ext:hold}, released from another connection), a client
     * pipelines 300 greetings: the default quota of 256 pending requests admits the held one and 255 greetings,
     * and answers each of the other 45 at once with the quota's error. Released, the held request and the 255
     * are answered in order, and the connection serves as before.
     */
    @OnBothTransports
    void requestsPastThePendingQuotaAreAnsweredAtOnceAndTheOthersInOrder() {
        String quota = "quota exceeded: at most 256 pending requests per connection (yoctopus.quota.pending-requests)";
        try (WireClient client = connect(); WireClient releaser = connect()) {
            client.send(WireClient.request("held", "ext:hold", "read", "{\"text\":\"pending-count\"}"));
            for (int i = 0; i < 300; i++) {
                client.send(WireClient.request("p" + i, "greeter:hello", "read", "{\"name\":\"p" + i + "\"}"));
            }
            for (int i = 255; i < 300; i++) {
                assertEquals(quota, errorOf(client.nextJson(), "p" + i, "greeter:hello", "read"));
            }
            assertEquals(json("{\"released\":\"pending-count\"}"),
                    ok(call(releaser, "ext:hold", "update", "{\"text\":\"pending-count\"}")));
            JsonObject held = client.nextJson();
            assertOk(held, "held", "ext:hold", "read");
            assertEquals(json("{\"held\":\"pending-count\"}"), held.get("data"));
            for (int i = 0; i < 255; i++) {
                assertOk(client.nextJson(), "p" + i, "greeter:hello", "read");
            }
            assertStillServes(client);
        }
    }

    /**
     * Behind a held request, greetings of a million characters each: the default 4,194,304 characters of
     * pending requests hold the held one and four of them; the fifth and sixth are answered at once with the
     * quota's error, and a small request after them still fits.
     */
    @OnBothTransports
    void requestsPastThePendingCharactersAreAnsweredAtOnce() {
        String quota = "quota exceeded: at most 4194304 characters of pending requests per connection "
                + "(yoctopus.quota.pending-chars)";
        String name = "x".repeat(1_000_000);
        try (WireClient client = connect(); WireClient releaser = connect()) {
            client.send(WireClient.request("held", "ext:hold", "read", "{\"text\":\"pending-chars\"}"));
            for (int i = 0; i < 6; i++) {
                client.send(WireClient.request("big" + i, "greeter:hello", "read", "{\"name\":\"" + name + "\"}"));
            }
            client.send(WireClient.request("small", "greeter:hello", "read", "{\"name\":\"small\"}"));
            assertEquals(quota, errorOf(client.nextJson(), "big4", "greeter:hello", "read"));
            assertEquals(quota, errorOf(client.nextJson(), "big5", "greeter:hello", "read"));

            ok(call(releaser, "ext:hold", "update", "{\"text\":\"pending-chars\"}"));
            assertOk(client.nextJson(), "held", "ext:hold", "read");
            for (int i = 0; i < 4; i++) {
                JsonObject big = client.nextJson();
                assertOk(big, "big" + i, "greeter:hello", "read");
                assertEquals("Hello, " + name + "!", big.getJsonObject("data").getString("message"));
            }
            assertOk(client.nextJson(), "small", "greeter:hello", "read");
            assertStillServes(client);
        }
    }

    /** Binary frames count as pending requests too; a refused one is answered without meta, as binary frames are. */
    @OnBothTransports
    void binaryFramesPastThePendingQuotaAreAnsweredAtOnce() {
        try (WireClient client = connect(); WireClient releaser = connect()) {
            ok(call(client, "auth:session", "create", "{\"username\":\"uploader\",\"password\":\"secret\"}"));
            client.send(WireClient.request("held", "ext:hold", "read", "{\"text\":\"pending-binary\"}"));
            for (int i = 0; i < 256; i++) {
                client.sendBinary(new byte[] {1, 2, 3});
            }
            assertEquals(json("{\"meta\":{\"status\":\"error\"},\"error\":\"quota exceeded: at most 256 pending "
                    + "requests per connection (yoctopus.quota.pending-requests)\"}"), client.nextJson());

            ok(call(releaser, "ext:hold", "update", "{\"text\":\"pending-binary\"}"));
            assertOk(client.nextJson(), "held", "ext:hold", "read");
            for (int i = 0; i < 255; i++) {
                assertEquals(json("{\"meta\":{\"method\":\"notify\",\"type\":\"binary-processed\"},\"data\":{\"size\":3}}"),
                        client.nextJson(), "binary frame " + i);
            }
            assertStillServes(client);
        }
    }

    /** The connection's settings are bounded too: a label past the quota is refused and the old one kept. */
    @OnBothTransports
    void aLabelPastTheSettingsQuotaIsRefusedAndTheConnectionServesOn() {
        String fits = "a".repeat(60_000);
        try (WireClient client = connect()) {
            ok(call(client, "yoctopus:label", "update", "\"" + fits + "\""));
            assertEquals("quota exceeded: at most 65536 characters of settings per connection "
                    + "(yoctopus.quota.settings-chars)",
                    errorOf(call(client, "yoctopus:label", "update", "\"" + "b".repeat(66_000) + "\"")));
            assertEquals(fits, settings(client).getJsonObject("yoctopus").getString("label"));
            assertStillServes(client);
        }
    }

    // ---------------------------------------------------------------- demo: auth, settings

    @OnBothTransports
    void authDemoGuardsEndpointsWithSettings() {
        try (WireClient client = connect()) {
            assertEquals("requirement not met: auth.authenticated = true",
                    errorOf(call(client, "auth:profile", "read", "{}")));
            assertStillServes(client);

            assertEquals("invalid username or password",
                    errorOf(call(client, "auth:session", "create", "{\"username\":\"bob\",\"password\":\"wrong\"}")));
            assertFalse(settings(client).containsKey("auth"), "a failed login sets nothing");
            assertStillServes(client);

            String blank = errorOf(call(client, "auth:session", "create", "{\"username\":\" \",\"password\":\"secret\"}"));
            assertTrue(blank.startsWith("username: "), blank);
            assertFalse(settings(client).containsKey("auth"), "a rejected login sets nothing");

            assertEquals(json("{\"userId\":\"bob\"}"),
                    ok(call(client, "auth:session", "create", "{\"username\":\"bob\",\"password\":\"secret\"}")));
            assertEquals(json("{\"authenticated\":true,\"userId\":\"bob\",\"isAdmin\":false}"),
                    settings(client).get("auth"));
            assertEquals(json("{\"userId\":\"bob\"}"), ok(call(client, "auth:profile", "read", "{}")));

            assertEquals("requirement not met: auth.isAdmin = true",
                    errorOf(call(client, "auth:dashboard", "read", "{}")));
            assertStillServes(client);

            assertEquals(json("{\"userId\":\"admin\"}"),
                    ok(call(client, "auth:session", "create", "{\"username\":\"admin\",\"password\":\"secret\"}")));
            assertEquals(json("{\"admin\":\"admin\",\"alerts\":0}"), ok(call(client, "auth:dashboard", "read", "{}")));
            assertEquals(json("{\"userId\":\"admin\"}"), ok(call(client, "auth:profile", "read", "{}")));

            assertEquals(json("{\"authenticated\":false}"), ok(call(client, "auth:session", "delete", "{}")));
            assertEquals(json("{\"authenticated\":false}"), settings(client).get("auth"),
                    "logout clears userId and isAdmin");
            assertEquals("requirement not met: auth.authenticated = true",
                    errorOf(call(client, "auth:profile", "read", "{}")));
            assertEquals("requirement not met: auth.isAdmin = true",
                    errorOf(call(client, "auth:dashboard", "read", "{}")));
            assertStillServes(client);
        }
    }

    /** Whether an IP address belongs to one of this machine's interfaces: the client runs where the test runs. */
    private static boolean isAddressOfThisMachine(String address) {
        try {
            return java.net.NetworkInterface.getByInetAddress(java.net.InetAddress.getByName(address)) != null;
        } catch (java.io.IOException notAnAddress) {
            return false;
        }
    }

    @OnBothTransports
    void corePluginFillsConnectionMetadataAndTheLabel() {
        try (WireClient client = connect()) {
            JsonObject core = settings(client).getJsonObject("yoctopus");
            assertEquals(JsonValue.FALSE, core.get("isSecure"), core.toString());
            assertTrue(core.get("port") instanceof JsonNumber, "yoctopus.port is a number: " + core);
            assertEquals(transport.uri(base).getPort(), ((JsonNumber) core.get("port")).intValueExact(), core.toString());
            assertTrue(core.get("remoteAddress") instanceof JsonString, "yoctopus.remoteAddress is a string: " + core);
            String remote = core.getString("remoteAddress");
            assertTrue(isAddressOfThisMachine(remote), "the test client's address, not " + remote);
            assertFalse(core.containsKey("label"), core.toString());

            assertEquals(json("{\"label\":\"kitchen\"}"), ok(call(client, "yoctopus:label", "update", "\"kitchen\"")));
            assertEquals(JSON.createValue("kitchen"), settings(client).getJsonObject("yoctopus").get("label"));

            for (String notAString : List.of("42", "{\"label\":\"x\"}", "[\"x\"]", "true", "null")) {
                String error = errorOf(call(client, "yoctopus:label", "update", notAString));
                assertTrue(error.startsWith("data: "), "label " + notAString + ": " + error);
                assertStillServes(client);
            }
            assertEquals(JSON.createValue("kitchen"), settings(client).getJsonObject("yoctopus").get("label"),
                    "rejected updates leave the label alone");
        }
    }

    @OnBothTransports
    void twoConnectionsHaveIndependentSettings() {
        try (WireClient alice = connect(); WireClient bob = connect()) {
            ok(call(alice, "auth:session", "create", "{\"username\":\"alice\",\"password\":\"secret\"}"));
            ok(call(alice, "yoctopus:label", "update", "\"alice's\""));
            ok(call(bob, "yoctopus:label", "update", "\"bob's\""));

            assertEquals("requirement not met: auth.authenticated = true", errorOf(call(bob, "auth:profile", "read", "{}")));
            assertFalse(settings(bob).containsKey("auth"), "bob is not logged in");
            assertEquals(json("{\"userId\":\"alice\"}"), ok(call(alice, "auth:profile", "read", "{}")));

            ok(call(bob, "auth:session", "create", "{\"username\":\"admin\",\"password\":\"secret\"}"));
            assertEquals("requirement not met: auth.isAdmin = true", errorOf(call(alice, "auth:dashboard", "read", "{}")));
            ok(call(bob, "auth:dashboard", "read", "{}"));

            JsonObject aliceSettings = settings(alice);
            JsonObject bobSettings = settings(bob);
            assertEquals(json("{\"authenticated\":true,\"userId\":\"alice\",\"isAdmin\":false}"), aliceSettings.get("auth"));
            assertEquals(json("{\"authenticated\":true,\"userId\":\"admin\",\"isAdmin\":true}"), bobSettings.get("auth"));
            assertEquals("alice's", aliceSettings.getJsonObject("yoctopus").getString("label"));
            assertEquals("bob's", bobSettings.getJsonObject("yoctopus").getString("label"));

            ok(call(alice, "auth:session", "delete", "{}"));
            assertEquals(json("{\"userId\":\"admin\"}"), ok(call(bob, "auth:profile", "read", "{}")),
                    "alice's logout does not touch bob");
        }
    }

    // ---------------------------------------------------------------- plugins in library jars, aliases

    @OnBothTransports
    void aPluginFromALibraryJarIsServed() {
        try (WireClient client = connect()) {
            JsonObject reply = call(client, JAR_ALIAS, "read", "{\"text\":\"from the jar\"}");
            assertOk(reply, reply.getJsonObject("meta").getString("id"), JAR_ALIAS, "read");
            assertEquals(json("{\"text\":\"from the jar\"}"), reply.get("data"));
            assertEquals("text: is required", errorOf(call(client, JAR_ALIAS, "read", "{}")));
            assertStillServes(client);
        }
    }

    @OnBothTransports
    void aliasesFromMicroProfileConfigReplaceThePluginAddress() {
        try (WireClient client = connect()) {
            // from the library jar's META-INF/microprofile-config.properties
            assertEquals(json("{\"text\":\"hi\"}"), ok(call(client, JAR_ALIAS, "read", "{\"text\":\"hi\"}")),
                    "alias " + JAR_ALIAS + " (from the library jar's config file)");
            assertEquals("unknown endpoint 'ext:echo'", errorOf(call(client, "ext:echo", "read", "{\"text\":\"hi\"}")));
            assertStillServes(client);

            // from the WAR's WEB-INF/classes/META-INF/microprofile-config.properties
            assertEquals(json("{\"pong\":true}"), ok(call(client, WAR_ALIAS, "read", "{}")),
                    "alias " + WAR_ALIAS + " (from the WAR's config file)");
            assertEquals("unknown endpoint 'ext:ping'", errorOf(call(client, "ext:ping", "read", "{}")));
            assertStillServes(client);

            // endpoints without an alias keep their plugin address
            assertEquals("internal error", errorOf(call(client, "ext:boom", "read", "{}")));
            assertStillServes(client);
        }
    }

    /**
     * The check bean lives in the library jar: on Payara the extension's {@code BeanManager} does not see
     * it, which once failed the deployment with "requirement check ... is not a CDI bean".
     */
    @OnBothTransports
    void anAsynchronousCustomRequirementGuardsAnEndpoint() {
        try (WireClient client = connect()) {
            assertEquals("requirement not met: LabelIsVip", errorOf(call(client, "ext:vip", "read", "{}")));
            assertStillServes(client);
            ok(call(client, "yoctopus:label", "update", "\"vip\""));
            assertEquals(json("{\"vip\":true}"), ok(call(client, "ext:vip", "read", "{}")));
            assertStillServes(client);
        }
    }

    @OnBothTransports
    void notificationsArriveDuringAndAfterTheResponse() {
        try (WireClient client = connect()) {
            client.send(WireClient.request("n1", "ext:notify", "read", "{\"text\":\"ding\"}"));
            assertEquals(json("{\"meta\":{\"method\":\"notify\",\"type\":\"alert\"},\"data\":{\"text\":\"ding\"}}"),
                    client.nextJson(), "the notification pushed while handling comes before the response");
            JsonObject reply = client.nextJson();
            assertOk(reply, "n1", "ext:notify", "read");
            assertEquals(json("{\"sent\":true}"), reply.get("data"));
            assertEquals(json("{\"meta\":{\"method\":\"notify\",\"type\":\"late\"},\"data\":{\"text\":\"ding\"}}"),
                    client.nextJson(), "a notification pushed from another thread after the response");
            assertStillServes(client);
        }
    }

    // ---------------------------------------------------------------- helpers

    private WireClient connect() {
        return WireClient.connect(transport.uri(base));
    }

    /** Sends a request with a fresh id and returns the answer, checking that it echoes id, endpoint and method. */
    private JsonObject call(WireClient client, String endpoint, String method, String data) {
        String id = "c" + ids.incrementAndGet();
        client.send(WireClient.request(id, endpoint, method, data));
        JsonObject reply = client.nextJson();
        JsonObject meta = reply.getJsonObject("meta");
        assertEquals(id, meta.getString("id", null), "id echoed in " + reply);
        assertEquals(endpoint, meta.getString("endpoint", null), "endpoint echoed in " + reply);
        assertEquals(method, meta.getString("method", null), "method echoed in " + reply);
        return reply;
    }

    /** The data of a successful answer. */
    private static JsonValue ok(JsonObject reply) {
        assertEquals("ok", reply.getJsonObject("meta").getString("status"), "expected success: " + reply);
        assertFalse(reply.containsKey("error"), reply.toString());
        return reply.get("data");
    }

    private static void assertOk(JsonObject reply, String id, String endpoint, String method) {
        assertEquals(JSON.createObjectBuilder().add("id", id).add("endpoint", endpoint).add("method", method)
                .add("status", "ok").build(), reply.getJsonObject("meta"), "meta of " + reply);
        assertTrue(reply.containsKey("data"), reply.toString());
        assertFalse(reply.containsKey("error"), reply.toString());
    }

    /** The single error message of an error answer. */
    private static String errorOf(JsonObject reply) {
        assertEquals("error", reply.getJsonObject("meta").getString("status"), "expected an error: " + reply);
        assertFalse(reply.containsKey("data"), reply.toString());
        assertTrue(reply.get("error") instanceof JsonString, "one error message expected: " + reply);
        return reply.getString("error");
    }

    private static String errorOf(JsonObject reply, String id, String endpoint, String method) {
        assertEquals(JSON.createObjectBuilder().add("id", id).add("endpoint", endpoint).add("method", method)
                .add("status", "error").build(), reply.getJsonObject("meta"), "meta of " + reply);
        return errorOf(reply);
    }

    /** The connection's whole settings store, through {@code inspect:connection}. */
    private JsonObject settings(WireClient client) {
        return ok(call(client, "inspect:connection", "read", "{}")).asJsonObject();
    }

    /** The connection still answers a greeter request correctly (after an error, say). */
    private void assertStillServes(WireClient client) {
        String id = "g" + ids.incrementAndGet();
        client.send(WireClient.request(id, "greeter:hello", "read", "{\"name\":\"" + id + "\"}"));
        JsonObject reply = client.nextJson();
        assertEquals(JSON.createObjectBuilder()
                .add("meta", JSON.createObjectBuilder().add("id", id).add("endpoint", "greeter:hello")
                        .add("method", "read").add("status", "ok"))
                .add("data", JSON.createObjectBuilder().add("message", "Hello, " + id + "!"))
                .build(), reply, "the connection still serves greeter requests");
    }

    /** Nothing of the exception reaches the client. */
    private static void assertNoLeak(String raw) {
        for (String detail : List.of(ExtPlugin.SECRET, "IllegalStateException", "Exception", "\tat ", "io.yoctopus.it")) {
            assertFalse(raw.contains(detail), "'" + detail + "' leaked to the client: " + raw);
        }
    }

    private static JsonValue json(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
