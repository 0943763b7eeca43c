package io.yoctopus.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.it.probe.CloseCommand;
import io.yoctopus.it.probe.DuplicateGreeter;
import io.yoctopus.it.probe.EarlyTransformer;
import io.yoctopus.it.probe.InvalidPlugin;
import io.yoctopus.it.probe.LateTransformer;
import io.yoctopus.it.probe.LifecycleRecorder;
import io.yoctopus.it.probe.MulticastCommand;
import io.yoctopus.it.probe.NotifyCommand;
import io.yoctopus.it.probe.Probe;
import io.yoctopus.it.probe.ProbeCheck;
import io.yoctopus.it.probe.Recorder;
import io.yoctopus.it.probe.RuntimePlugin;
import io.yoctopus.it.probe.SettingWatcher;
import io.yoctopus.it.probe.Steps;
import io.yoctopus.it.probe.Target;
import io.yoctopus.it.probe.Text;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lifecycle events, cross-plugin setting listeners, multicast, the chat demo, the api plugin with plugins
 * installed at run time, the connection registry and log subscriptions, over real sockets against the
 * real WAR on the server under test.
 *
 * <p>One deployment: the built WAR plus the probe bean archive ({@code io.yoctopus.it.probe}) in
 * {@code WEB-INF/lib}, whose observers record every event by connection id and whose {@code probe}
 * plugin exposes the records and drives the injectable APIs. Observers only record; every assertion
 * runs here, on the test thread. Each connection the tests open is greeted with a {@code probe-hello}
 * notification carrying its id (sent by the probe's {@code ConnectionOpened} observer).
 *
 * <p>On Payara Micro every test runs on the Vert.x transport too ({@link OnBothTransports}): its connections open
 * and close on a worker thread, not the container's, and its handlers that may block run on those workers.
 */
@ExtendWith(ArquillianExtension.class)
class EventsIT implements TransportAware {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(50);

    @ArquillianResource
    URL base;

    /** The transport of the current run ({@link OnBothTransports}). */
    private Transport transport = Transport.CONTAINER;

    @Override
    public void use(Transport transport) {
        this.transport = transport;
    }

    private final AtomicInteger ids = new AtomicInteger();

    @Deployment(testable = false)
    static WebArchive deployment() {
        JavaArchive probe = ShrinkWrap.create(JavaArchive.class, "yoctopus-it-probe.jar")
                .addClasses(Recorder.class, LifecycleRecorder.class, EarlyTransformer.class, LateTransformer.class,
                        SettingWatcher.class, Probe.class, ProbeCheck.class, RuntimePlugin.class, InvalidPlugin.class,
                        DuplicateGreeter.class, Steps.class, Text.class, Target.class, NotifyCommand.class,
                        CloseCommand.class, MulticastCommand.class)
                .addClass("io.yoctopus.it.probe.Transformations")
                .addAsManifestResource(Deployments.BEANS_XML, "beans.xml")
                // pings every 2 s rather than the default 250 ms: on a loaded machine (ITs of several builds on
                // 2 cores) a starved test client can miss 4 pings in a row, and these tests are not about pings
                .addAsManifestResource(new StringAsset("yoctopus.plugin.probe.alias.aliased=probe-aliased\n"
                        + "yoctopus.ping-interval=2000\n"), "microprofile-config.properties");
        return TransportInvocations.deployable(Deployments.war(probe));
    }

    /** A test connection with its server-side id, learnt from the {@code probe-hello} greeting. */
    private record Peer(WireClient client, String id, String probe) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    // ================================================================ lifecycle events

    @OnBothTransports
    void everyLifecycleEventFiresOnceWithItsData() {
        try (Peer inspector = open()) {
            Peer peer = open();
            String greeting = rawCall(peer, "r1", "greeter:hello", "read", "{\"name\":\"Ann\"}");
            String invalid = rawCall(peer, "r2", "greeter:hello", "read", "{}");
            String login = rawCall(peer, "r3", "auth:session", "create", "{\"username\":\"bob\",\"password\":\"secret\"}");
            String again = rawCall(peer, "r4", "auth:session", "create", "{\"username\":\"bob\",\"password\":\"secret\"}");
            String unknown = rawCall(peer, "r5", "nope:x", "read", "{}");
            assertEquals("ok", status(greeting));
            assertEquals("error", status(invalid));
            assertEquals("ok", status(login));
            assertEquals("ok", status(again));
            assertEquals("error", status(unknown));
            peer.close();

            JsonArray events = closedEvents(inspector, peer.id());

            JsonArrayBuilder expected = JSON.createArrayBuilder()
                    .add(json("{\"event\":\"opened\",\"probe\":\"" + peer.probe() + "\",\"hasPort\":true}"))
                    .add(received("greeter:hello", "read", "{\"name\":\"Ann\"}"))
                    .add(prepared("greeter:hello", "read"))
                    .add(sent("greeter:hello", "read", true, greeting))
                    .add(received("greeter:hello", "read", "{}"))
                    .add(sent("greeter:hello", "read", false, invalid))
                    .add(received("auth:session", "create", "{\"username\":\"bob\",\"password\":\"secret\"}"))
                    .add(prepared("auth:session", "create"))
                    .add(setting("auth", "authenticated", "null", "true"))
                    .add(setting("auth", "userId", "null", "\"bob\""))
                    .add(setting("auth", "isAdmin", "null", "false"))
                    .add(json("{\"event\":\"changed\",\"changes\":[\"auth.authenticated\",\"auth.userId\",\"auth.isAdmin\"]}"))
                    .add(sent("auth:session", "create", true, login))
                    .add(received("auth:session", "create", "{\"username\":\"bob\",\"password\":\"secret\"}"))
                    .add(prepared("auth:session", "create"))
                    .add(sent("auth:session", "create", true, again))
                    .add(sent("nope:x", "read", false, unknown))
                    .add(json("{\"event\":\"closed\",\"code\":1000,\"reason\":\"\"}"));
            assertEquals(expected.build(), withoutSettings(events), "every event of the connection, in order, once");

            JsonObject changed = find(events, "changed");
            assertEquals(json("{\"authenticated\":true,\"userId\":\"bob\",\"isAdmin\":false}"),
                    changed.getJsonObject("settings").get("auth"), "ConnectionChanged carries the settings after the changes");
            JsonObject closed = find(events, "closed");
            assertEquals(json("{\"authenticated\":true,\"userId\":\"bob\",\"isAdmin\":false}"),
                    closed.getJsonObject("settings").get("auth"), "ConnectionClosed carries the last settings");
            assertTrue(closed.getJsonObject("settings").getJsonObject("yoctopus").containsKey("port"), closed.toString());

            // asynchronous observers are notified as well, once each
            JsonArray async = awaitRecorded("every kind of asynchronous event of " + peer.id(),
                    () -> asyncEvents(inspector, peer.id()), recorded -> count(recorded, "closed") > 0
                    && count(recorded, "sent") == 5 && count(recorded, "opened") > 0 && count(recorded, "changed") > 0);
            QuietPeriod.unchanged("no further asynchronous event of " + peer.id(), () -> asyncEvents(inspector, peer.id()),
                    async);
            assertEquals(Map.of("opened", 1L, "sent", 5L, "changed", 1L, "closed", 1L), counts(async), async.toString());
        }
    }

    @OnBothTransports
    void theOpenedEventCarriesEachConnectionsOwnHandshakeHeaders() throws Exception {
        ExecutorService opening = Executors.newFixedThreadPool(8);
        List<Peer> peers = new ArrayList<>();
        try (Peer inspector = open()) {
            List<Future<Peer>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(opening.submit(this::open)); // open() checks the greeting echoes this connection's header
            }
            for (Future<Peer> future : futures) {
                peers.add(future.get());
            }
            assertEquals(8, peers.stream().map(Peer::probe).distinct().count());
            assertEquals(8, peers.stream().map(Peer::id).distinct().count());
            for (Peer peer : peers) {
                JsonArray events = events(inspector, peer.id());
                assertEquals(json("{\"event\":\"opened\",\"probe\":\"" + peer.probe() + "\",\"hasPort\":true}"),
                        events.get(0), events.toString());
                assertEquals(1, count(events, "opened"));
            }
        } finally {
            peers.forEach(Peer::close);
            opening.shutdownNow();
        }
    }

    @OnBothTransports
    void theClosedEventComesOnceAfterTheConnectionsLastRequest() {
        try (Peer inspector = open()) {
            Peer peer = open();
            peer.client().send(WireClient.request("slow", "probe:slow", "read", "{}"));
            peer.close(); // while the handler is still running

            JsonArray events = withoutSettings(closedEvents(inspector, peer.id()));
            assertEquals(List.of("opened", "received", "slow-done", "prepared", "sent", "closed"), names(events));
            assertEquals(json("{\"event\":\"closed\",\"code\":1000,\"reason\":\"\"}"), events.get(5));
        }
    }

    // ================================================================ transformation

    @OnBothTransports
    void observersTransformRequestAndResponseInPriorityOrder() {
        try (Peer peer = open()) {
            assertEquals(json("[\"client\",\"received-100\",\"received-200\",\"handler\",\"prepared-100\",\"prepared-200\"]"),
                    ok(call(peer, "probe:transform", "update", "{\"steps\":[\"client\"]}")));
            // without steps the data would fail validation: the observers' replacement is what is validated
            assertEquals(json("[\"received-100\",\"received-200\",\"handler\",\"prepared-100\",\"prepared-200\"]"),
                    ok(call(peer, "probe:transform", "update", "{}")));
            assertEquals("rejected by the received-100 observer",
                    errorOf(call(peer, "probe:transform", "update", "{\"steps\":[\"reject\"]}")));
            // other endpoints are left alone
            assertEquals(json("{\"message\":\"Hello, Ann!\"}"), ok(call(peer, "greeter:hello", "read", "{\"name\":\"Ann\"}")));

            try (Peer inspector = open()) {
                // the recorder observes at the default priority: after both replacements; not after a rejection
                JsonArray received = filter(events(inspector, peer.id()), "received");
                assertEquals(List.of(json("{\"steps\":[\"client\",\"received-100\",\"received-200\"]}"),
                        json("{\"steps\":[\"received-100\",\"received-200\"]}"), json("{\"name\":\"Ann\"}")),
                        received.stream().map(event -> event.asJsonObject().get("data")).toList());
            }
        }
    }

    // ================================================================ setting changes across plugins

    @OnBothTransports
    void pluginBObservesTheSettingChangesOfPluginAWithOldAndNewValues() {
        try (Peer peer = open(); Peer inspector = open()) {
            ok(call(peer, "auth:session", "create", "{\"username\":\"bob\",\"password\":\"secret\"}"));
            ok(call(peer, "auth:session", "create", "{\"username\":\"bob\",\"password\":\"secret\"}"));
            ok(call(peer, "greeter:hello", "read", "{\"name\":\"Ann\"}"));
            ok(call(peer, "auth:session", "create", "{\"username\":\"alice\",\"password\":\"secret\"}"));
            errorOf(call(peer, "auth:session", "create", "{\"username\":\"eve\",\"password\":\"wrong\"}"));
            ok(call(peer, "auth:session", "delete", "{}"));

            // the watcher plugin selects auth.authenticated and auth.userId with @SettingOf: no isAdmin
            assertEquals(json("""
                    [{"observer":"authenticated","setting":"auth.authenticated","old":null,"new":true},
                     {"observer":"userId","setting":"auth.userId","old":null,"new":"bob"},
                     {"observer":"userId","setting":"auth.userId","old":"bob","new":"alice"},
                     {"observer":"authenticated","setting":"auth.authenticated","old":true,"new":false},
                     {"observer":"userId","setting":"auth.userId","old":"alice","new":null}]"""),
                    ok(call(peer, "watcher:seen", "read", "{}")));

            JsonArray events = events(inspector, peer.id());
            assertEquals(json("""
                    [{"event":"setting","plugin":"auth","setting":"authenticated","old":null,"new":true},
                     {"event":"setting","plugin":"auth","setting":"userId","old":null,"new":"bob"},
                     {"event":"setting","plugin":"auth","setting":"isAdmin","old":null,"new":false},
                     {"event":"setting","plugin":"auth","setting":"userId","old":"bob","new":"alice"},
                     {"event":"setting","plugin":"auth","setting":"authenticated","old":true,"new":false},
                     {"event":"setting","plugin":"auth","setting":"userId","old":"alice","new":null},
                     {"event":"setting","plugin":"auth","setting":"isAdmin","old":false,"new":null}]"""),
                    filter(events, "setting"), "an observer without qualifier sees every change");
            JsonArray changed = withoutSettings(filter(events, "changed"));
            assertEquals(json("""
                    [{"event":"changed","changes":["auth.authenticated","auth.userId","auth.isAdmin"]},
                     {"event":"changed","changes":["auth.userId"]},
                     {"event":"changed","changes":["auth.authenticated","auth.userId","auth.isAdmin"]}]"""),
                    changed, "ConnectionChanged once per request that changed settings, none for the others");
            assertEquals(json("{\"authenticated\":false}"),
                    filter(events, "changed").getJsonObject(2).getJsonObject("settings").get("auth"));
        }
    }

    // ================================================================ multicast

    @OnBothTransports
    void multicastReachesExactlyTheMatchingOpenConnections() {
        String run = UUID.randomUUID().toString();
        try (Peer sender = open(); Peer a = open(); Peer b = open(); Peer c = open(); Peer d = open(); Peer e = open()) {
            profile(a, "{\"run\":\"" + run + "\",\"team\":{\"name\":\"red\",\"size\":3}}");
            login(a, "admin");
            profile(b, "{\"run\":\"" + run + "\",\"team\":{\"name\":\"red\",\"size\":4}}");
            login(b, "bob");
            profile(c, "{\"run\":\"" + run + "\",\"team\":{\"name\":\"blue\"}}");
            profile(d, "{\"run\":\"" + run + "\",\"team\":{\"name\":\"red\"}}");
            login(d, "admin");

            String everyone = "{\"probe\":{\"profile\":{\"run\":\"" + run + "\"}}";
            assertEquals(4, multicast(sender, everyone + "}", 1));
            assertEquals(3, multicast(sender, "{\"probe\":{\"profile\":{\"run\":\"" + run + "\",\"team\":{\"name\":\"red\"}}}}", 2),
                    "nested maps match by their entries");
            assertEquals(1, multicast(sender, "{\"probe\":{\"profile\":{\"run\":\"" + run + "\",\"team\":{\"size\":3.0}}}}", 3),
                    "numbers match by value");
            assertEquals(2, multicast(sender, everyone + ",\"auth\":{\"isAdmin\":true}}", 4));
            assertEquals(1, multicast(sender, everyone + ",\"auth\":{\"userId\":null}}", 5), "null matches an unset setting");

            d.close();
            try (Peer inspector = open()) {
                awaitRecorded("the closed event of " + d.id(), () -> events(inspector, d.id()),
                        recorded -> count(recorded, "closed") > 0);
            }
            assertEquals(1, multicast(sender, everyone + ",\"auth\":{\"isAdmin\":true}}", 6), "a closed connection is not reached");

            assertNotified(a, 1, 2, 3, 4, 6);
            assertNotified(b, 1, 2);
            assertNotified(c, 1, 5);
            QuietPeriod.assertNoMessage(e.client(), sender.client(), a.client(), b.client(), c.client());
        }
    }

    // ================================================================ the chat demo

    @OnBothTransports
    void chatMessagesReachEveryoneInTheSendersRoom() {
        String lobby = "lobby-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        try (Peer alice = open(); Peer mimic = open(); Peer anon = open(); Peer elsewhere = open()) {
            login(alice, "alice");
            ok(call(alice, "yoctopus:label", "update", "\"alice's label\""));
            ok(call(mimic, "yoctopus:label", "update", "\"alice\""));
            assertEquals("join a room first (chat:room update)",
                    errorOf(call(anon, "chat:message", "create", "{\"text\":\"anyone?\"}")));
            for (Peer peer : List.of(alice, mimic, anon)) {
                assertEquals(json("{\"room\":\"" + lobby + "\"}"),
                        ok(call(peer, "chat:room", "update", "{\"room\":\"" + lobby + "\"}")));
            }
            ok(call(elsewhere, "chat:room", "update", "{\"room\":\"" + other + "\"}"));

            // the sender receives its own message (pushed before its response), and so does everyone in the room
            say(alice, "hi all", "alice", true, lobby, mimic, anon); // logged in: auth.userId, not the label
            say(mimic, "hello", "alice", false, lobby, alice, anon); // a label, even a user's name: not verified
            say(anon, "hey", anon.id(), false, lobby, alice, mimic); // neither: the connection id
            QuietPeriod.assertNoMessage(elsewhere.client());

            say(elsewhere, "alone", elsewhere.id(), false, other);
            ok(call(anon, "chat:room", "update", "{\"room\":\"" + other + "\"}"));
            say(anon, "moved", anon.id(), false, other, elsewhere);
            say(alice, "who is left?", "alice", true, lobby, mimic);
            ok(call(alice, "auth:session", "delete", "{}"));
            say(alice, "logged out", "alice's label", false, lobby, mimic);
            QuietPeriod.assertNoMessage(alice.client(), mimic.client(), anon.client(), elsewhere.client());
        }
    }

    /** The sender says something in its room: it and exactly {@code others} hear it. */
    private void say(Peer sender, String text, String from, boolean verified, String room, Peer... others) {
        String id = "say" + ids.incrementAndGet();
        sender.client().send(WireClient.request(id, "chat:message", "create", "{\"text\":\"" + text + "\"}"));
        JsonValue message = chatMessage(from, verified, room, text);
        assertEquals(message, sender.client().nextJson(), "the sender hears its own message");
        JsonObject reply = sender.client().nextJson();
        assertEquals(id, reply.getJsonObject("meta").getString("id"), reply.toString());
        assertEquals(json("{\"delivered\":" + (others.length + 1) + "}"), ok(reply));
        for (Peer other : others) {
            assertEquals(message, other.client().nextJson(), other.id() + " is in room " + room);
        }
    }

    private static JsonValue chatMessage(String from, boolean verified, String room, String text) {
        return JSON.createObjectBuilder()
                .add("meta", JSON.createObjectBuilder().add("method", "notify").add("type", "chat-message"))
                .add("data", JSON.createObjectBuilder()
                        .add("from", from).add("verified", verified).add("room", room).add("text", text))
                .build();
    }

    // ================================================================ the api plugin

    @OnBothTransports
    void apiReadShowsEveryEndpointWithFormatsAndRequirements() {
        try (Peer peer = open()) {
            JsonObject catalogue = ok(call(peer, "api:api", "read", "{}")).asJsonObject();
            assertEquals(json("{\"read\":{\"requestFormat\":{\"name\":\"string\"}}}"), catalogue.get("greeter:hello"));
            assertEquals(json("{\"create\":{\"requestFormat\":{\"username\":\"string\",\"password\":\"string\"}},\"delete\":{}}"),
                    catalogue.get("auth:session"));
            assertEquals(json("{\"read\":{\"requirements\":[\"auth.authenticated = true\"]}}"), catalogue.get("auth:profile"));
            assertEquals(json("{\"read\":{\"requirements\":[\"auth.isAdmin = true\"]}}"), catalogue.get("auth:dashboard"));
            assertEquals(json("""
                    {"create":{"requestFormat":{"s":"string","n":"number","b":"bool","a":"array","o":"object","e":"email",
                     "h":"hostname","d":"date","u":["active","inactive","pending"],"c":"custom",
                     "nested":{"user":{"name":"string","address":{"street":"string","city":"string","zip":"string"}}}}}}"""),
                    catalogue.get("formats:all-types"));
            assertEquals(json("{\"update\":{\"requestFormat\":\"string\"}}"), catalogue.get("yoctopus:label"));
            assertEquals(json("{\"read\":{},\"subscribe\":{},\"unsubscribe\":{}}"), catalogue.get("api:api"));
            assertEquals(json("{\"update\":{\"requestFormat\":{\"room\":\"string\"}}}"), catalogue.get("chat:room"));
            assertEquals(json("{\"read\":{\"requirements\":[\"ProbeCheck\"]}}"), catalogue.get("probe:checked"));
            // an alias is shown under the alias only
            assertEquals(json("{\"read\":{}}"), catalogue.get("probe-aliased"));
            assertFalse(catalogue.containsKey("probe:aliased"), "aliased endpoint listed under its plugin address");
            assertEquals(json("true"), ok(call(peer, "probe-aliased", "read", "{}")));

            List<String> addresses = new ArrayList<>(catalogue.keySet());
            assertEquals(addresses.stream().sorted().toList(), addresses, "addresses are sorted");
            assertFalse(addresses.stream().anyMatch(address -> address.startsWith("runtime:")), addresses.toString());
        }
    }

    @OnBothTransports
    void apiSubscribersLearnOfPluginsInstalledAndRemovedAtRunTime() {
        try (Peer subscriber = open(); Peer bystander = open(); Peer quitter = open(); Peer admin = open()) {
            JsonObject before = ok(call(admin, "api:api", "read", "{}")).asJsonObject();
            assertEquals(json("{\"subscribed\":true}"), ok(call(subscriber, "api:api", "subscribe", "{}")));
            assertEquals(json("{\"subscribed\":true}"), ok(call(quitter, "api:api", "subscribe", "{}")));
            assertEquals(json("{\"subscribed\":false}"), ok(call(quitter, "api:api", "unsubscribe", "{}")));
            ok(call(bystander, "yoctopus:label", "update", "\"checked\""));
            assertEquals("unknown endpoint 'runtime:hello'",
                    errorOf(call(bystander, "runtime:hello", "read", "{\"text\":\"Ann\"}")));

            try {
                JsonObject installed = ok(call(admin, "probe:install", "create", "{\"text\":\"Howdy\"}")).asJsonObject();
                assertTrue(strings(installed.getJsonArray("names")).contains("runtime"), installed.toString());

                JsonObject changed = subscriber.client().nextJson();
                assertEquals(json("{\"method\":\"notify\",\"type\":\"api-changed\"}"), changed.get("meta"));
                JsonObject catalogue = changed.getJsonObject("data");
                assertEquals(json("{\"read\":{\"requestFormat\":{\"text\":\"string\"}}}"), catalogue.get("runtime:hello"));
                assertEquals(json("{\"read\":{\"requirements\":[\"runtime.greeted = true\"]}}"), catalogue.get("runtime:secret"));
                assertEquals(ok(call(admin, "api:api", "read", "{}")), catalogue, "the notification carries the new catalogue");
                JsonObject withoutRuntime = JSON.createObjectBuilder(catalogue).remove("runtime:hello").remove("runtime:secret").build();
                assertEquals(before, withoutRuntime, "nothing else changed");
                QuietPeriod.assertNoMessage(bystander.client(), quitter.client());

                // the installed object serves requests, with its own state, settings and requirements
                assertEquals("requirement not met: runtime.greeted = true",
                        errorOf(call(bystander, "runtime:secret", "read", "{}")));
                assertEquals(json("{\"message\":\"Howdy, Ann!\"}"),
                        ok(call(bystander, "runtime:hello", "read", "{\"text\":\"Ann\"}")));
                assertEquals(json("{\"greeting\":\"Howdy\"}"), ok(call(bystander, "runtime:secret", "read", "{}")));
                assertEquals(json("{\"greeted\":true}"),
                        ok(call(bystander, "inspect:connection", "read", "{}")).asJsonObject().get("runtime"));
                // the discovered plugins still work, a requirement check from a library jar included
                assertEquals(json("{\"checked\":true}"), ok(call(bystander, "probe:checked", "read", "{}")));
                assertEquals("requirement not met: ProbeCheck", errorOf(call(admin, "probe:checked", "read", "{}")));

                // refused installations change nothing and notify nobody
                assertEquals("a plugin of " + RuntimePlugin.class.getName() + " is installed already",
                        errorOf(call(admin, "probe:install", "create", "{\"text\":\"Again\"}")));
                JsonObject refused = ok(call(admin, "probe:install-invalid", "create", "{}")).asJsonObject();
                assertInvalidRefused(refused.getString("invalid"));
                assertEquals("Yoctopus found 1 problem in the plugin declarations:\n  - plugin name 'greeter' is used by "
                        + "both io.yoctopus.demo.greeter.Greeter and " + DuplicateGreeter.class.getName(),
                        refused.getString("duplicate"));
                assertEquals(Text.class.getName() + " is not annotated @Plugin", refused.getString("notAPlugin"));
                assertEquals(installed.get("names"), refused.get("names"));
                QuietPeriod.assertNoMessage(subscriber.client());
                assertEquals(catalogue, ok(call(admin, "api:api", "read", "{}")));

                // removing it notifies again, with the catalogue as it was before
                JsonObject removed = ok(call(admin, "probe:install", "delete", "{}")).asJsonObject();
                assertFalse(strings(removed.getJsonArray("names")).contains("runtime"), removed.toString());
                JsonObject changedBack = subscriber.client().nextJson();
                assertEquals(json("{\"method\":\"notify\",\"type\":\"api-changed\"}"), changedBack.get("meta"));
                assertEquals(before, changedBack.get("data"));
                assertEquals("unknown endpoint 'runtime:hello'",
                        errorOf(call(bystander, "runtime:hello", "read", "{\"text\":\"Ann\"}")));
                QuietPeriod.assertNoMessage(subscriber.client(), bystander.client(), quitter.client());
            } finally {
                try (Peer cleanup = open()) { // in case an assertion failed before the removal
                    call(cleanup, "probe:install", "delete", "{}");
                }
            }
        }
    }

    private static void assertInvalidRefused(String message) {
        List<String> lines = Arrays.asList(message.split("\n"));
        assertEquals("Yoctopus found 3 problems in the plugin declarations:", lines.get(0), message);
        String handler = "plugin 'invalid' handler " + InvalidPlugin.class.getName();
        assertEquals(Set.of(
                "  - " + handler + ".hidden(): a handler must be a public instance method",
                "  - " + handler + ".two(Text, Steps): parameter 'second' is a second request-data parameter; "
                        + "a handler takes at most one",
                "  - " + handler + ".guarded(): @Requires names setting 'invalid.nope', but plugin 'invalid' declares "
                        + "no setting 'nope' (it declares none)"),
                Set.copyOf(lines.subList(1, lines.size())), message);
    }

    // ================================================================ the connection registry

    @OnBothTransports
    void theRegistryListsNotifiesExportsAndClosesConnections() {
        try (Peer operator = open(); Peer inspector = open(); Peer target = open()) {
            ok(call(target, "yoctopus:label", "update", "\"target\""));
            login(target, "bob");

            List<String> open = strings(ok(call(operator, "probe:connections", "read", "{}")).asJsonArray());
            assertTrue(open.containsAll(List.of(operator.id(), inspector.id(), target.id())), open.toString());

            assertEquals(ok(call(target, "inspect:connection", "read", "{}")),
                    ok(call(operator, "probe:export", "read", "{\"connection\":\"" + target.id() + "\"}")));

            assertEquals(json("{\"found\":true}"), ok(call(operator, "probe:notify", "create",
                    "{\"id\":\"" + target.id() + "\",\"type\":\"poke\",\"data\":{\"from\":\"operator\"}}")));
            assertEquals(json("{\"meta\":{\"method\":\"notify\",\"type\":\"poke\"},\"data\":{\"from\":\"operator\"}}"),
                    target.client().nextJson());

            assertEquals(json("{\"found\":true}"), ok(call(operator, "probe:close", "create",
                    "{\"id\":\"" + target.id() + "\",\"code\":4001,\"reason\":\"bye\"}")));
            String client = target.client().awaitClose() + " " + target.client().closeReason();

            JsonArray closed = filter(closedEvents(inspector, target.id()), "closed");
            assertEquals(1, closed.size(), "closed exactly once: " + closed);
            String server = closed.getJsonObject(0).getInt("code") + " " + closed.getJsonObject(0).getString("reason");
            assertEquals("4001 bye / 4001 bye", client + " / " + server, "close code and reason, client / server side");
            assertEquals(json("{\"authenticated\":true,\"userId\":\"bob\",\"isAdmin\":false}"),
                    closed.getJsonObject(0).getJsonObject("settings").get("auth"));

            assertFalse(strings(ok(call(operator, "probe:connections", "read", "{}")).asJsonArray()).contains(target.id()),
                    "a closed connection leaves the registry");
            assertEquals(json("{\"found\":false}"), ok(call(operator, "probe:notify", "create",
                    "{\"id\":\"" + target.id() + "\",\"type\":\"poke\",\"data\":{}}")));
            assertEquals(json("{\"found\":false}"), ok(call(operator, "probe:close", "create",
                    "{\"id\":\"" + target.id() + "\",\"code\":1000,\"reason\":\"\"}")));
            assertEquals("no open connection " + target.id(),
                    errorOf(call(operator, "probe:export", "read", "{\"connection\":\"" + target.id() + "\"}")));
        }
    }

    // ================================================================ logs and errors

    @OnBothTransports
    void logSubscribersReceiveEntriesTaggedWithPluginAndConnection() {
        String mark = "mark-" + UUID.randomUUID();
        try (Peer peer = open(); Peer inspector = open()) {
            ok(call(peer, "probe:logs", "create", "{}"));
            assertEquals(json("{\"logged\":true}"), ok(call(peer, "probe:log", "create", "{\"text\":\"" + mark + "\"}")));

            JsonValue expected = json("[{\"level\":\"INFO\",\"message\":\"" + mark + "\",\"plugin\":\"probe\",\"connectionId\":\""
                    + peer.id() + "\",\"hasTime\":true},{\"level\":\"WARNING\",\"message\":\"" + mark
                    + " (warning)\",\"plugin\":\"probe\",\"connectionId\":\"" + peer.id() + "\",\"hasTime\":true}]");
            assertEquals(expected, ok(call(peer, "probe:logs", "read", "{\"text\":\"" + mark + "\"}")),
                    "the subscriber got the entries, debug left out at the default level");
            assertEquals(expected, ok(call(peer, "probe:log-events", "read", "{\"text\":\"" + mark + "\"}")),
                    "and each was fired as a LogEntry event");

            // a failing handler: an error to the client, a YoctopusError event, a log entry
            assertEquals("internal error", errorOf(call(peer, "probe:boom", "read", "{\"text\":\"" + mark + "\"}")));
            JsonArray errors = filter(events(inspector, peer.id()), "error");
            assertEquals(1, errors.size(), errors.toString());
            assertEquals("ENDPOINT", errors.getJsonObject(0).getString("kind"));
            assertEquals("probe boom " + mark, errors.getJsonObject(0).getString("cause"));
            assertTrue(errors.getJsonObject(0).getString("message").startsWith("handler " + Probe.class.getName() + ".boom(Text) failed"),
                    errors.toString());
            // the entries of this connection: the message names the request, which every run of this test sends
            List<JsonObject> severe = ok(call(peer, "probe:logs", "read", "{\"text\":\"Probe.boom(Text) failed\"}"))
                    .asJsonArray().getValuesAs(JsonObject.class).stream()
                    .filter(entry -> peer.id().equals(entry.getString("connectionId"))).toList();
            assertEquals(1, severe.size(), severe.toString());
            assertEquals("SEVERE", severe.get(0).getString("level"));
            assertEquals("probe", severe.get(0).getString("plugin"));

            // after unsubscribing, entries still go to the log and the CDI event, not to the subscriber
            ok(call(peer, "probe:logs", "delete", "{}"));
            String later = "later-" + mark;
            ok(call(peer, "probe:log", "create", "{\"text\":\"" + later + "\"}"));
            assertEquals(json("[]"), ok(call(peer, "probe:logs", "read", "{\"text\":\"" + later + "\"}")));
            assertEquals(2, ok(call(peer, "probe:log-events", "read", "{\"text\":\"" + later + "\"}")).asJsonArray().size());
        }
    }

    // ================================================================ helpers

    /** Opens a connection with a unique {@code X-Probe} header and reads the greeting that names its id. */
    private Peer open() {
        String probe = "probe-" + UUID.randomUUID();
        WireClient client = WireClient.connect(transport.uri(base), Map.of(LifecycleRecorder.HEADER, probe));
        JsonObject hello = client.nextJson();
        assertEquals(json("{\"method\":\"notify\",\"type\":\"probe-hello\"}"), hello.get("meta"), hello.toString());
        assertEquals(probe, hello.getJsonObject("data").getString("probe"),
                "the opened event carried this connection's handshake header");
        return new Peer(client, hello.getJsonObject("data").getString("id"), probe);
    }

    /** Sends a request and returns the raw answer text. */
    private static String rawCall(Peer peer, String id, String endpoint, String method, String data) {
        peer.client().send(WireClient.request(id, endpoint, method, data));
        return peer.client().next();
    }

    private JsonObject call(Peer peer, String endpoint, String method, String data) {
        String id = "e" + ids.incrementAndGet();
        JsonObject reply = json(rawCall(peer, id, endpoint, method, data)).asJsonObject();
        assertEquals(id, reply.getJsonObject("meta").getString("id", null), "an answer to " + id + ": " + reply);
        return reply;
    }

    private static JsonValue ok(JsonObject reply) {
        assertEquals("ok", reply.getJsonObject("meta").getString("status"), "expected success: " + reply);
        return reply.get("data");
    }

    private static String errorOf(JsonObject reply) {
        assertEquals("error", reply.getJsonObject("meta").getString("status"), "expected an error: " + reply);
        assertTrue(reply.get("error") instanceof JsonString, "one error message expected: " + reply);
        return reply.getString("error");
    }

    private static String status(String raw) {
        return json(raw).asJsonObject().getJsonObject("meta").getString("status");
    }

    private void login(Peer peer, String user) {
        ok(call(peer, "auth:session", "create", "{\"username\":\"" + user + "\",\"password\":\"secret\"}"));
    }

    private void profile(Peer peer, String profile) {
        ok(call(peer, "probe:profile", "update", profile));
    }

    /** Multicasts {@code {n}} of type {@code mc} through the injectable Multicast; returns the receivers. */
    private int multicast(Peer sender, String filter, int n) {
        return ok(call(sender, "probe:multicast", "create",
                "{\"filter\":" + filter + ",\"type\":\"mc\",\"data\":{\"n\":" + n + "}}")).asJsonObject().getInt("receivers");
    }

    private static void assertNotified(Peer peer, int... numbers) {
        for (int n : numbers) {
            assertEquals(json("{\"meta\":{\"method\":\"notify\",\"type\":\"mc\"},\"data\":{\"n\":" + n + "}}"),
                    peer.client().nextJson(), "multicast " + n + " to " + peer.id());
        }
    }

    private JsonArray events(Peer inspector, String connectionId) {
        return ok(call(inspector, "probe:events", "read", "{\"connection\":\"" + connectionId + "\"}")).asJsonArray();
    }

    private JsonArray asyncEvents(Peer inspector, String connectionId) {
        return ok(call(inspector, "probe:async-events", "read", "{\"connection\":\"" + connectionId + "\"}")).asJsonArray();
    }

    /**
     * The events of a closed connection, all of them: once its closed event is recorded, nothing more may be
     * recorded for it during the {@link QuietPeriod} (an event fired twice, or late, would be).
     */
    private JsonArray closedEvents(Peer inspector, String connectionId) {
        JsonArray events = awaitRecorded("the closed event of " + connectionId, () -> events(inspector, connectionId),
                recorded -> count(recorded, "closed") > 0);
        QuietPeriod.unchanged("no event of " + connectionId + " after its closed event",
                () -> events(inspector, connectionId), events);
        return events;
    }

    /** Reads the probe's records until {@code done} holds, up to {@link #PATIENCE}; @return the last read. */
    private static JsonArray awaitRecorded(String what, Callable<JsonArray> read, Predicate<JsonArray> done) {
        return await(what).atMost(PATIENCE).pollInterval(POLL).until(read, done);
    }

    private static long count(JsonArray events, String name) {
        return events.stream().filter(event -> name.equals(event.asJsonObject().getString("event"))).count();
    }

    private static Map<String, Long> counts(JsonArray events) {
        return events.stream().collect(Collectors.groupingBy(event -> event.asJsonObject().getString("event"),
                Collectors.counting()));
    }

    private static JsonArray filter(JsonArray events, String name) {
        JsonArrayBuilder matching = JSON.createArrayBuilder();
        events.stream().filter(event -> name.equals(event.asJsonObject().getString("event"))).forEach(matching::add);
        return matching.build();
    }

    private static JsonObject find(JsonArray events, String name) {
        return filter(events, name).getJsonObject(0);
    }

    private static List<String> names(JsonArray events) {
        return events.stream().map(event -> event.asJsonObject().getString("event")).toList();
    }

    /** The events without their (long) settings stores, for comparison. */
    private static JsonArray withoutSettings(JsonArray events) {
        JsonArrayBuilder stripped = JSON.createArrayBuilder();
        events.forEach(event -> stripped.add(JSON.createObjectBuilder(event.asJsonObject()).remove("settings")));
        return stripped.build();
    }

    private static JsonObject received(String endpoint, String method, String data) {
        return JSON.createObjectBuilder().add("event", "received").add("endpoint", endpoint).add("method", method)
                .add("data", json(data)).build();
    }

    private static JsonObject prepared(String endpoint, String method) {
        return JSON.createObjectBuilder().add("event", "prepared").add("endpoint", endpoint).add("method", method).build();
    }

    private static JsonObject sent(String endpoint, String method, boolean ok, String message) {
        return JSON.createObjectBuilder().add("event", "sent").add("endpoint", endpoint).add("method", method)
                .add("ok", ok).add("message", message).build();
    }

    private static JsonObject setting(String plugin, String setting, String oldValue, String newValue) {
        return JSON.createObjectBuilder().add("event", "setting").add("plugin", plugin).add("setting", setting)
                .add("old", json(oldValue)).add("new", json(newValue)).build();
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static JsonValue json(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
