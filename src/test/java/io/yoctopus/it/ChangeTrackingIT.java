package io.yoctopus.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.it.changes.HiddenFromTheBlind;
import io.yoctopus.it.changes.Note;
import io.yoctopus.it.changes.NoteStore;
import io.yoctopus.it.changes.TrackingProbe;
import io.yoctopus.it.transportjar.Probe;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Change tracking over real sockets against the real WAR on the server under test, on the database the server is
 * configured with: the embedded default (H2), and PostgreSQL when {@code .ci/run} runs this class a second
 * time on a Payara Micro whose default data source is PostgreSQL (see the {@code it-postgres} profile of the
 * POM); {@link #runsOnTheExpectedDatabase()} checks which.
 *
 * <p>One deployment: the built WAR (demo on: {@code posts}, {@code auth}), plus the test entity {@link Note}
 * in {@code WEB-INF/classes} (so it joins the persistence unit) and a bean archive with the test plugin
 * {@code ctest} ({@link TrackingProbe}), the access policy {@link HiddenFromTheBlind} and {@code TransportIT}'s
 * plugin {@code probe} ({@link Probe}, for the server's heap). The built-in
 * {@code changes:subscription} endpoints are switched on for {@code Note}, {@code Post} and the untracked
 * {@code Ghost}. Every connection is auto-subscribed to {@code Post} (the demo's {@code @Tracked}). Pings
 * every 2 s rather than 250 ms: on a loaded machine a starved test client could miss its pongs.
 *
 * <p>On Payara Micro every test runs on the Vert.x transport too ({@link OnBothTransports}): its JPA writes run on
 * the transport's worker threads, made by the server's {@code ManagedThreadFactory}.
 */
@ExtendWith(ArquillianExtension.class)
class ChangeTrackingIT implements TransportAware {

    private static final Logger LOG = Logger.getLogger(ChangeTrackingIT.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final int STREAMED = 100_000;
    /** Fewer than a connection may have pending (256): on the Vert.x transport requests queue while one runs. */
    private static final int WINDOW = 250;

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
        JavaArchive probe = ShrinkWrap.create(JavaArchive.class, "yoctopus-it-changes.jar")
                .addClasses(TrackingProbe.class, NoteStore.class, HiddenFromTheBlind.class)
                .addPackage(Probe.class.getPackage()) // the transport probe, for probe:memory
                .addAsManifestResource(Deployments.BEANS_XML, "beans.xml");
        return TransportInvocations.deployable(Deployments.war(probe))
                .addClass(Note.class)
                .addAsResource(new StringAsset("""
                        yoctopus.changetracker.endpoints.enabled=true
                        yoctopus.changetracker.endpoints.models=Note,Post,Ghost
                        yoctopus.ping-interval=2000
                        """), "META-INF/microprofile-config.properties"); // pings: a starved test client must not be dropped
    }

    // ---------------------------------------------------------------- notifications

    @OnBothTransports
    void createUpdateAndDeleteOfAPostReachEveryConnectionWithItsPublicFields() {
        try (Peer author = peer(); Peer reader = peer()) {
            author.login("alice");
            // an authorId in the request is ignored: the author is the connection's logged-in user
            JsonObject created = author.ok("posts:post", "create",
                    "{\"title\":\"Hello World\",\"content\":\"My first post\",\"authorId\":42}");
            long id = created.getJsonNumber("id").longValue();
            assertEquals(json("{\"id\":" + id + ",\"title\":\"Hello World\",\"content\":\"My first post\","
                    + "\"authorId\":\"alice\"}"), created);
            String expectedCreate = "{\"meta\":{\"method\":\"notify\",\"type\":\"data-changed\"},\"data\":{\"operation\":"
                    + "\"create\",\"model\":\"Post\",\"fields\":{\"id\":" + id
                    + ",\"title\":\"Hello World\",\"content\":\"My first post\",\"authorId\":\"alice\"}}}";
            assertEquals(expectedCreate, reader.notification());
            assertEquals(expectedCreate, author.notification(), "the author is auto-subscribed too");

            assertEquals(json("{\"id\":" + id + ",\"title\":\"Hello again\",\"content\":\"Edited\",\"authorId\":\"alice\"}"),
                    author.ok("posts:post", "update", "{\"id\":" + id
                            + ",\"title\":\"Hello again\",\"content\":\"Edited\",\"authorId\":\"bob\"}"),
                    "an update cannot hand the post to someone else");
            assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"data-changed\"},\"data\":{\"operation\":\"update\","
                    + "\"model\":\"Post\",\"fields\":{\"id\":" + id
                    + ",\"title\":\"Hello again\",\"content\":\"Edited\",\"authorId\":\"alice\"}}}", reader.notification());

            author.ok("posts:post", "delete", "{\"id\":" + id + "}");
            assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"data-changed\"},\"data\":{\"operation\":\"delete\","
                    + "\"model\":\"Post\",\"fields\":{\"id\":" + id
                    + ",\"title\":\"Hello again\",\"content\":\"Edited\",\"authorId\":\"alice\"}}}", reader.notification());
            quiet(reader);
        }
    }

    @OnBothTransports
    void onlyTheAuthorMayChangeOrDeleteAPost() {
        try (Peer author = peer(); Peer other = peer(); Peer authorElsewhere = peer()) {
            author.login("grace");
            other.login("mallory");
            long id = createPost(author, "original");
            String created = author.notification();
            assertEquals(created, other.notification());
            assertEquals(created, authorElsewhere.notification());
            assertTrue(created.contains("\"authorId\":\"grace\""), created);

            String refused = "only the author of post " + id + " may change it";
            assertEquals(refused, other.error("posts:post", "update",
                    "{\"id\":" + id + ",\"title\":\"defaced\",\"content\":\"spam\",\"authorId\":\"mallory\"}"));
            assertEquals(refused, other.error("posts:post", "delete", "{\"id\":" + id + "}"));
            assertEquals("no post with id -1", other.error("posts:post", "delete", "{\"id\":-1}"));
            quiet(author, other); // a refused change is not announced

            // the author is the user, not the connection: grace, logged in elsewhere, may delete it; the
            // notification shows the post as grace wrote it, untouched by the refused update
            authorElsewhere.login("grace");
            assertEquals(json("{\"id\":" + id + "}"), authorElsewhere.ok("posts:post", "delete", "{\"id\":" + id + "}"));
            assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"data-changed\"},\"data\":{\"operation\":\"delete\","
                    + "\"model\":\"Post\",\"fields\":{\"id\":" + id
                    + ",\"title\":\"original\",\"content\":\"c\",\"authorId\":\"grace\"}}}", other.notification());
        }
    }

    @OnBothTransports
    void anonymousClientsCanNeitherWriteNorChangePosts() {
        try (Peer author = peer(); Peer anonymous = peer()) {
            author.login("frank");
            long id = createPost(author, "keep out");
            author.notification();
            anonymous.notification();
            String loginFirst = "requirement not met: auth.authenticated = true";
            assertEquals(loginFirst, anonymous.error("posts:post", "create",
                    "{\"title\":\"t\",\"content\":\"c\",\"authorId\":\"frank\"}"));
            assertEquals(loginFirst, anonymous.error("posts:post", "update",
                    "{\"id\":" + id + ",\"title\":\"defaced\",\"content\":\"spam\"}"));
            assertEquals(loginFirst, anonymous.error("posts:post", "delete", "{\"id\":" + id + "}"));
            quiet(author, anonymous);

            // logging out ends the authorship of this connection too
            author.ok("auth:session", "delete", "{}");
            assertEquals(loginFirst, author.error("posts:post", "delete", "{\"id\":" + id + "}"));
            author.login("frank");
            author.ok("posts:post", "delete", "{\"id\":" + id + "}");
            assertTrue(anonymous.notification().contains("\"operation\":\"delete\""));
        }
    }

    @OnBothTransports
    void onlyPublicFieldsAreSentAndNothingToConnectionsNotSubscribed() {
        try (Peer writer = peer(); Peer watcher = peer()) {
            assertEquals(json("{\"subscribed\":\"User\"}"),
                    watcher.ok("posts:subscription", "create", "{\"model\":\"User\"}"));
            JsonObject user = writer.ok("posts:user", "create",
                    "{\"name\":\"Zoe\",\"email\":\"zoe@example.com\",\"password\":\"hunter2\"}");
            long id = user.getJsonNumber("id").longValue();
            assertEquals(json("{\"id\":" + id + ",\"name\":\"Zoe\"}"), user);
            String notification = watcher.notification();
            assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"data-changed\"},\"data\":{\"operation\":\"create\","
                    + "\"model\":\"User\",\"fields\":{\"id\":" + id + ",\"name\":\"Zoe\"}}}", notification);
            assertFalse(notification.contains("zoe@example.com") || notification.contains("hunter2"), notification);
            quiet(writer); // not subscribed to User
        }
    }

    @OnBothTransports
    void aModelWithoutPublicFieldsSendsOnlyItsId() {
        try (Peer writer = peer(); Peer watcher = peer()) {
            assertEquals(json("{\"subscribed\":\"Note\"}"),
                    watcher.ok("changes:subscription", "create", "{\"model\":\"Note\"}"));
            long id = writer.ok("ctest:note", "create", "{\"text\":\"remember\"}").getJsonNumber("id").longValue();
            String notification = watcher.notification();
            assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"data-changed\"},\"data\":{\"operation\":\"create\","
                    + "\"model\":\"Note\",\"fields\":{\"id\":" + id + "}}}", notification);
            assertFalse(notification.contains("remember") || notification.contains("secret"), notification);
        }
    }

    // ---------------------------------------------------------------- subscriptions

    @OnBothTransports
    void anInstanceSubscriptionReceivesOnlyItsRow() {
        try (Peer writer = peer(); Peer watcher = peer(); Peer byText = peer()) {
            writer.login("erin");
            long mine = writer.ok("ctest:note", "create", "{\"text\":\"mine\"}").getJsonNumber("id").longValue();
            long other = writer.ok("ctest:note", "create", "{\"text\":\"other\"}").getJsonNumber("id").longValue();
            assertEquals(json("{\"subscribed\":\"Note\",\"instanceId\":" + mine + "}"),
                    watcher.ok("changes:subscription", "create", "{\"model\":\"Note\",\"instanceId\":" + mine + "}"));
            // a string id names the same row as the number
            byText.ok("changes:subscription", "create", "{\"model\":\"Note\",\"instanceId\":\"" + mine + "\"}");

            writer.ok("ctest:note", "update", "{\"id\":" + other + ",\"text\":\"changed\"}");
            writer.ok("ctest:note", "update", "{\"id\":" + mine + ",\"text\":\"changed\"}");
            String expected = "{\"meta\":{\"method\":\"notify\",\"type\":\"data-changed\"},\"data\":{\"operation\":"
                    + "\"update\",\"model\":\"Note\",\"fields\":{\"id\":" + mine + "}}}";
            assertEquals(expected, watcher.notification(), "the first notification is about its row, not the other");
            assertEquals(expected, byText.notification());
            quiet(watcher);

            // the demo's endpoint subscribes to one post: a subscriber of the model and of the row gets each change once
            long post = createPost(writer, "one of a kind");
            watcher.notification(); // auto-subscribed: the create
            watcher.ok("posts:subscription", "create", "{\"model\":\"Post\",\"instanceId\":" + post + "}");
            writer.ok("posts:post", "delete", "{\"id\":" + post + "}");
            assertTrue(watcher.notification().contains("\"operation\":\"delete\""));
            quiet(watcher);
        }
    }

    @OnBothTransports
    void unsubscribingStopsTheNotifications() {
        try (Peer writer = peer(); Peer watcher = peer()) {
            watcher.ok("posts:subscription", "create", "{\"model\":\"User\"}");
            writer.ok("posts:user", "create", "{\"name\":\"Before\",\"email\":\"b@example.com\",\"password\":\"x\"}");
            assertTrue(watcher.notification().contains("\"name\":\"Before\""));

            assertEquals(json("{\"unsubscribed\":\"User\"}"),
                    watcher.ok("posts:subscription", "delete", "{\"model\":\"User\"}"));
            writer.ok("posts:user", "create", "{\"name\":\"After\",\"email\":\"a@example.com\",\"password\":\"x\"}");
            quiet(watcher);

            // the auto-subscription can be ended as well
            watcher.ok("posts:subscription", "delete", "{\"model\":\"Post\"}");
            String me = watcher.ok("ctest:whoami", "read", "{}").getString("connectionId");
            assertEquals(json("[]"), watcher.okValue("ctest:subscriptions", "read", "{\"connectionId\":\"" + me + "\"}"));
            writer.login("bob");
            createPost(writer, "unseen");
            quiet(watcher);
        }
    }

    @OnBothTransports
    void aConnectionsSubscriptionsEndWhenItCloses() {
        try (Peer observer = peer()) {
            String id;
            try (Peer leaving = peer()) {
                id = leaving.ok("ctest:whoami", "read", "{}").getString("connectionId");
                leaving.ok("posts:subscription", "create", "{\"model\":\"User\"}");
                leaving.ok("changes:subscription", "create", "{\"model\":\"Note\",\"instanceId\":7}");
                assertEquals(json("[\"Note#7\",\"Post\",\"User\"]"),
                        observer.okValue("ctest:subscriptions", "read", "{\"connectionId\":\"" + id + "\"}"));
            }
            // the close is processed asynchronously
            await("the subscriptions of the closed connection " + id + " are gone").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> observer.okValue("ctest:subscriptions", "read", "{\"connectionId\":\"" + id + "\"}"),
                            JsonValue.EMPTY_JSON_ARRAY::equals);
        }
    }

    @OnBothTransports
    void subscribingToAnUntrackedOrNotAllowedModelIsAnError() {
        try (Peer client = peer()) {
            assertEquals("model: must be one of User, Post",
                    client.error("posts:subscription", "create", "{\"model\":\"Comment\"}"));
            assertEquals("model: must be one of User, Post",
                    client.error("posts:subscription", "delete", "{\"model\":\"Note\"}"));
            assertEquals("model '" + "G".repeat(64) + "…' is not open to subscriptions",
                    client.error("changes:subscription", "create", "{\"model\":\"" + "G".repeat(10_000) + "\"}"));
            assertEquals("model 'User' is not open to subscriptions",
                    client.error("changes:subscription", "create", "{\"model\":\"User\"}"));
            assertEquals("model 'Ghost' is not tracked",
                    client.error("changes:subscription", "create", "{\"model\":\"Ghost\"}"));
            assertEquals("instanceId: must be a number or a string",
                    client.error("changes:subscription", "create", "{\"model\":\"Note\",\"instanceId\":[1]}"));
            assertEquals(json("[\"model: is required\",\"instanceId: must be a number or a string\"]"),
                    client.errorValue("changes:subscription", "create", "{\"instanceId\":true}"));
            String me = client.ok("ctest:whoami", "read", "{}").getString("connectionId");
            assertEquals(json("[\"Post\"]"), client.okValue("ctest:subscriptions", "read",
                    "{\"connectionId\":\"" + me + "\"}"), "nothing was added by the failed requests");
        }
    }

    // ---------------------------------------------------------------- quotas

    /**
     * The hardening report's client: one anonymous connection streams {@code posts:subscription create} with a new
     * {@code instanceId} each time. It is cut off at its quota (the default 1,000; the auto-subscription to
     * {@code Post} is one of them), every further subscription of any kind is answered with the quota error, the
     * connection is served otherwise, an unsubscription gives a place back, and the server's heap after a full GC
     * stays flat. Without the quota these {@value #STREAMED} subscriptions took 39 MB of heap (59 MB before, 98 MB
     * after, measured with this test before the quota existed); the bound is a quarter of that. Sent in windows of
     * {@value #WINDOW}, fewer than the outbox holds, so that a slow test client is not closed as a non-reader.
     */
    @OnBothTransports
    void aConnectionStreamingSubscriptionsIsCutOffAtItsQuotaAndTheHeapStaysFlat() {
        String quotaError = "quota exceeded: at most 1000 subscriptions per connection (yoctopus.quota.subscriptions)";
        try (Peer observer = peer(); Peer greedy = peer()) {
            long before = usedHeap(observer);
            int accepted = 0;
            int refused = 0;
            int lastAccepted = 0;
            List<String> unexpected = new ArrayList<>();
            for (int first = 1; first <= STREAMED; first += WINDOW) {
                int last = Math.min(STREAMED, first + WINDOW - 1);
                for (int n = first; n <= last; n++) {
                    greedy.client.send(WireClient.request("s" + n, "posts:subscription", "create",
                            "{\"model\":\"Post\",\"instanceId\":" + n + "}"));
                }
                for (int n = first; n <= last; n++) {
                    JsonObject reply = greedy.answer("s" + n);
                    String status = reply.getJsonObject("meta").getString("status");
                    if ("ok".equals(status)) {
                        accepted++;
                        lastAccepted = n;
                    } else if (quotaError.equals(reply.getString("error", null))) {
                        refused++;
                    } else if (unexpected.size() < 10) {
                        unexpected.add(reply.toString());
                    }
                }
            }
            long after = usedHeap(observer);
            LOG.info("server heap after a full GC: " + mb(before) + " MB before " + STREAMED + " subscription requests, "
                    + mb(after) + " MB after them (" + accepted + " accepted, " + refused + " refused)");

            assertEquals(List.of(), unexpected, "answers neither ok nor the quota error");
            assertEquals(999, accepted, "Post plus 999 rows make the quota of 1000");
            assertEquals(999, lastAccepted, "the first 999 rows were accepted, and only them");
            assertEquals(STREAMED - 999, refused);
            assertTrue(after - before < 10L << 20, "the heap grew from " + mb(before) + " MB to " + mb(after) + " MB");

            // every kind of subscription counts; the connection is served otherwise
            assertEquals(quotaError, greedy.error("changes:subscription", "create", "{\"model\":\"Note\"}"));
            assertEquals(quotaError, greedy.error("posts:subscription", "create", "{\"model\":\"User\"}"));
            String me = greedy.ok("ctest:whoami", "read", "{}").getString("connectionId");
            assertEquals(1000, observer.okValue("ctest:subscriptions", "read", "{\"connectionId\":\"" + me + "\"}")
                    .asJsonArray().size());
            // subscribing again to what it has needs no place; ending one gives its place back
            assertEquals(json("{\"subscribed\":\"Post\",\"instanceId\":5}"),
                    greedy.ok("posts:subscription", "create", "{\"model\":\"Post\",\"instanceId\":5}"));
            greedy.ok("posts:subscription", "delete", "{\"model\":\"Post\",\"instanceId\":1}");
            assertEquals(json("{\"subscribed\":\"Note\"}"),
                    greedy.ok("changes:subscription", "create", "{\"model\":\"Note\"}"));
            assertEquals(quotaError, greedy.error("posts:subscription", "create", "{\"model\":\"Post\",\"instanceId\":1}"));
        }
    }

    // ---------------------------------------------------------------- transactions

    @OnBothTransports
    void aRolledBackTransactionAnnouncesNothing() {
        try (Peer writer = peer(); Peer reader = peer()) {
            JsonObject rolledBack = writer.ok("ctest:rollback", "create", "{\"title\":\"never\"}");
            assertEquals(JsonValue.FALSE, rolledBack.get("exists"), "the insert was rolled back: " + rolledBack);
            writer.login("carol");
            long id = createPost(writer, "committed");
            String first = reader.notification();
            assertTrue(first.contains("\"id\":" + id + ",\"title\":\"committed\""),
                    "the first notification is the committed post, not the rolled-back one: " + first);
            quiet(reader);
        }
    }

    @OnBothTransports
    void aChangeOutsideATransactionIsAnnouncedAtOnce() {
        try (Peer writer = peer(); Peer watcher = peer()) {
            watcher.ok("changes:subscription", "create", "{\"model\":\"Note\"}");
            assertEquals(json("{\"inTransaction\":false}"),
                    writer.ok("ctest:outside", "create", "{\"id\":987654,\"text\":\"loose\"}"));
            assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"data-changed\"},\"data\":{\"operation\":\"create\","
                    + "\"model\":\"Note\",\"fields\":{\"id\":987654}}}", watcher.notification());
        }
    }

    /**
     * The ownership check reads the post under a lock, in the transaction that writes it: an update meeting a
     * delete that has not committed yet waits for it, and then finds the post gone (rather than checking the
     * old row, writing nothing, and announcing an update of a deleted post). The delete holds its lock for
     * 1 s, well inside the databases' lock timeouts.
     */
    @OnBothTransports
    void aChangeWaitsForADeleteInProgressAndFindsThePostGone() {
        try (Peer author = peer(); Peer deleter = peer(); Peer watcher = peer()) {
            author.login("heidi");
            long id = createPost(author, "contested");
            watcher.notification();
            String delete = deleter.send("ctest:held-delete", "create", "{\"id\":" + id + ",\"millis\":1000}");
            assertEquals(json("{\"locked\":true}"), watcher.ok("ctest:held", "read", "{\"id\":" + id + "}"));

            assertEquals("no post with id " + id, author.error("posts:post", "update",
                    "{\"id\":" + id + ",\"title\":\"too late\",\"content\":\"c\"}"));
            assertEquals(json("{\"deleted\":" + id + "}"), deleter.answer(delete).get("data"));
            assertTrue(watcher.notification().contains("\"operation\":\"delete\""));
            quiet(watcher); // and no update
        }
    }

    // ---------------------------------------------------------------- access policy

    @OnBothTransports
    void anAccessPolicyKeepsAChangeFromASubscriber() {
        try (Peer writer = peer(); Peer blind = peer(); Peer seeing = peer()) {
            blind.ok("yoctopus:label", "update", "\"blind\"");
            writer.login("dave");
            long hidden = createPost(writer, "hidden plans");
            assertTrue(seeing.notification().contains("\"id\":" + hidden + ",\"title\":\"hidden plans\""));
            long open = createPost(writer, "open letter");
            assertTrue(seeing.notification().contains("\"id\":" + open + ",\"title\":\"open letter\""));
            String first = blind.notification();
            assertTrue(first.contains("\"id\":" + open + ",\"title\":\"open letter\""),
                    "the blind connection's first notification is the open post: " + first);
            quiet(blind);
        }
    }

    // ---------------------------------------------------------------- the demo and the database

    @OnBothTransports
    void runsOnTheExpectedDatabase() {
        String expected = System.getProperty("yoctopus.it.database", "H2");
        try (Peer client = peer()) {
            assertEquals(expected, client.ok("ctest:database", "read", "{}").getString("product"));
        }
    }

    // ---------------------------------------------------------------- helpers

    private long createPost(Peer writer, String title) {
        return writer.ok("posts:post", "create", "{\"title\":\"" + title + "\",\"content\":\"c\"}")
                .getJsonNumber("id").longValue();
    }

    private long usedHeap(Peer peer) {
        return peer.ok("probe:memory", "read", "{}").getJsonNumber("used").longValue();
    }

    private static long mb(long bytes) {
        return bytes >> 20;
    }

    /**
     * A connected peer whose connection the server has opened: a client may see the handshake's answer before the
     * container has run the endpoint's open (and with it the auto-subscription), but never an answer to a frame
     * before it; one round trip makes sure that changes made next reach this peer.
     */
    private Peer peer() {
        Peer peer = new Peer(WireClient.connect(transport.uri(base)));
        peer.ok("api:api", "read", "{}");
        return peer;
    }

    /** Nothing more arrives at any of the peers during the {@link QuietPeriod} (and nothing was kept). */
    private static void quiet(Peer... peers) {
        for (Peer peer : peers) {
            assertEquals(List.of(), peer.notifications, "unexpected notifications");
        }
        QuietPeriod.assertNoMessage(Arrays.stream(peers).map(peer -> peer.client).toArray(WireClient[]::new));
    }

    private static JsonValue json(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /**
     * A connection that keeps notifications and responses apart: a notification may arrive before the response
     * of the request that caused it (the change is announced when the transaction commits, before the handler
     * returns).
     */
    private final class Peer implements AutoCloseable {
        private final WireClient client;
        private final List<String> notifications = new ArrayList<>();

        Peer(WireClient client) {
            this.client = client;
        }

        void login(String user) {
            ok("auth:session", "create", "{\"username\":\"" + user + "\",\"password\":\"secret\"}");
        }

        JsonObject ok(String endpoint, String method, String data) {
            return okValue(endpoint, method, data).asJsonObject();
        }

        JsonValue okValue(String endpoint, String method, String data) {
            JsonObject response = call(endpoint, method, data);
            assertEquals("ok", response.getJsonObject("meta").getString("status"), "answer: " + response);
            return response.get("data");
        }

        String error(String endpoint, String method, String data) {
            JsonValue error = errorValue(endpoint, method, data);
            assertEquals(JsonValue.ValueType.STRING, error.getValueType(), "error: " + error);
            return ((jakarta.json.JsonString) error).getString();
        }

        JsonValue errorValue(String endpoint, String method, String data) {
            JsonObject response = call(endpoint, method, data);
            assertEquals("error", response.getJsonObject("meta").getString("status"), "answer: " + response);
            return response.get("error");
        }

        private JsonObject call(String endpoint, String method, String data) {
            return answer(send(endpoint, method, data));
        }

        /** Sends a request without waiting for its answer; @return its id, for {@link #answer}. */
        String send(String endpoint, String method, String data) {
            String id = "r" + ids.incrementAndGet();
            client.send(WireClient.request(id, endpoint, method, data));
            return id;
        }

        /** The response to the request {@code id}, the next one to arrive; notifications before it are kept. */
        JsonObject answer(String id) {
            while (true) {
                String text = client.next();
                JsonObject message = json(text).asJsonObject();
                JsonObject meta = message.getJsonObject("meta");
                if ("notify".equals(meta.getString("method", null)) && !meta.containsKey("id")) {
                    notifications.add(text);
                } else {
                    assertEquals(id, meta.getString("id"), "response to " + id + ": " + text);
                    return message;
                }
            }
        }

        /** The next notification, exactly as received. */
        String notification() {
            Iterator<String> kept = notifications.iterator();
            if (kept.hasNext()) {
                String text = kept.next();
                kept.remove();
                return text;
            }
            String text = client.next();
            assertTrue(text.startsWith("{\"meta\":{\"method\":\"notify\""), "expected a notification: " + text);
            return text;
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
