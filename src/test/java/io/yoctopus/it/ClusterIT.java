package io.yoctopus.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.it.cluster.ClusterProbe;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.h2.tools.Server;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two instances of the server, clustered on loopback the way README's "Clustering" says, sharing one database (an
 * H2 server in this JVM, made both instances' default data source), and real WebSocket clients on each: a
 * multicast, a notification or close by id and a committed change reach the right connections on both instances
 * exactly once and in order, and when one instance is killed the other keeps serving, and delivery across them
 * resumes once it has come back; a listing of connections asked on one instance holds those of both. Operators see
 * both members and their connections in each instance's health and metrics (on Payara Micro: WildFly 37 has no
 * MicroProfile Metrics).
 * <ul>
 * <li>Payara Micro: Payara's data grid (Hazelcast), with the flags README gives; the database by post-boot
 * commands.</li>
 * <li>WildFly: a Jakarta Messaging topic on each instance's embedded Artemis, the two brokers joined by a cluster
 * connection ({@code src/main/wildfly/cluster.cli}, on {@code standalone-full.xml}); the database by a management
 * command.</li>
 * </ul>
 *
 * <p>The test starts the two servers itself (Arquillian's container starts one server per class, not clustered):
 * the built WAR, demo on ({@code chat}, {@code auth}, {@code posts}), plus the plugin {@code cluster}
 * ({@link ClusterProbe}).
 */
@OnlyOn(value = {io.yoctopus.it.Server.PAYARA, io.yoctopus.it.Server.WILDFLY}, because = "Open Liberty's test server"
        + " has no messaging engine (no wasJmsServer feature), so each instance runs on its own")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Path DIR = Path.of("target", "cluster-it");
    private static final JsonProvider JSON = JsonProvider.provider();
    /** How long two instances may take to see each other once both are up (a restarted member rejoins in ~9 s). */
    private static final Duration JOIN = Duration.ofSeconds(90);
    /** Notifications in one burst: enough that a reordering hand-off would show (7-38 inversions per 200). */
    private static final int BURST = 200;

    /** How long a member's count may take to reach the other (reported every second) and the closed ones to go. */
    private static final Duration REPORTED = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern CLUSTER_SAMPLE = Pattern.compile("^(yoctopus_cluster_[a-z]+)(?:\\{[^}]*})?\\s+(\\S+)$",
            Pattern.MULTILINE);
    private static final Pattern MEMBER_CONNECTIONS = Pattern.compile("connections=(-?\\d+) local=(true|false)");

    private static Server database;
    private static String databaseUrl;
    private static Path postBoot;
    private static int[] gridPorts;
    private static String clusterName;
    private static final ServerProcess[] instances = new ServerProcess[2];
    /** WildFly: each instance's port offset, chosen once so that each knows the other's HTTP port across restarts. */
    private static int[] portOffsets;

    private final AtomicInteger ids = new AtomicInteger();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        ServerProcess.deleteRecursively(DIR);
        Files.createDirectories(DIR);
        int databasePort = ServerProcess.freePort();
        database = Server.createTcpServer("-tcpPort", String.valueOf(databasePort), "-ifNotExists",
                "-baseDir", DIR.resolve("h2").toAbsolutePath().toString()).start();
        databaseUrl = "jdbc:h2:tcp://127.0.0.1:" + databasePort + "/cluster";
        if (io.yoctopus.it.Server.current() == io.yoctopus.it.Server.WILDFLY) {
            portOffsets = WildFlyLaunch.freeOffsets(2);
        }
        postBoot = DIR.resolve("postboot-commands.txt");
        Files.writeString(postBoot, """
                create-jdbc-connection-pool --datasourceclassname org.h2.jdbcx.JdbcDataSource --restype javax.sql.DataSource ClusterItPool
                set resources.jdbc-connection-pool.ClusterItPool.property.url=%s
                set resources.jdbc-connection-pool.ClusterItPool.property.user=sa
                set resources.jdbc-connection-pool.ClusterItPool.property.password=sa
                set resources.jdbc-resource.jdbc/__default.pool-name=ClusterItPool
                """.formatted(databaseUrl));
        gridPorts = new int[] {ServerProcess.freePort(), ServerProcess.freePort()};
        clusterName = "yoctopus-it-" + ProcessHandle.current().pid();
        CompletableFuture<ServerProcess> second = CompletableFuture.supplyAsync(() -> start(1));
        instances[0] = start(0);
        instances[1] = second.join();
        awaitMembers(2);
    }

    @AfterAll
    static void stop() {
        for (ServerProcess instance : instances) {
            if (instance != null) {
                instance.close();
            }
        }
        if (database != null) {
            database.stop();
        }
    }

    // ---------------------------------------------------------------- multicast

    /**
     * A multicast from either instance reaches exactly the connections in the room on both instances, once each,
     * and no one else; the answer counts the publishing instance's receivers only.
     */
    @Test
    @Order(1)
    void aMulticastReachesTheMatchingConnectionsOfBothInstancesExactlyOnce() {
        try (WireClient a1 = client(0); WireClient a2 = client(0); WireClient b1 = client(1); WireClient b2 = client(1);
                WireClient controlA = client(0); WireClient controlB = client(1)) {
            join(a1, "lobby");
            join(b1, "lobby");
            join(a2, "kitchen");
            join(b2, "kitchen");

            assertEquals(1, call(controlA, "cluster:multicast", "create", "{\"room\":\"lobby\",\"count\":1}")
                    .getInt("local"));
            assertEquals(0, sequence(a1, 1).get(0));
            assertEquals(0, sequence(b1, 1).get(0));

            assertEquals(1, call(controlB, "cluster:multicast", "create", "{\"room\":\"kitchen\",\"count\":1}")
                    .getInt("local"));
            assertEquals(0, sequence(a2, 1).get(0));
            assertEquals(0, sequence(b2, 1).get(0));
            QuietPeriod.assertNoMessage(a1, a2, b1, b2, controlA, controlB);
        }
    }

    /** The multicasts one instance sends arrive at a connection on the other in the order they were sent. */
    @Test
    @Order(2)
    void aBurstOfMulticastsArrivesOnTheOtherInstanceInOrder() {
        try (WireClient a = client(0); WireClient b = client(1); WireClient control = client(0)) {
            join(a, "burst");
            join(b, "burst");
            assertEquals(BURST, call(control, "cluster:multicast", "create",
                    "{\"room\":\"burst\",\"count\":" + BURST + "}").getInt("local"));
            assertEquals(upTo(BURST), sequence(a, BURST));
            assertEquals(upTo(BURST), sequence(b, BURST));
            QuietPeriod.assertNoMessage(a, b);
        }
    }

    // ---------------------------------------------------------------- notify and close by id

    /**
     * {@code Connections.notify} and {@code close} by id reach a connection on the other instance (in order, once);
     * an id no instance holds reaches no one.
     */
    @Test
    @Order(3)
    void notificationsAndClosesByIdReachAConnectionOnTheOtherInstance() {
        try (WireClient a = client(0); WireClient b = client(1); WireClient bystander = client(1)) {
            String onB = call(b, "cluster:whoami", "read", "{}").getString("id");

            call(a, "cluster:notify", "create", "{\"id\":\"" + onB + "\",\"count\":" + BURST + "}");
            assertEquals(upTo(BURST), sequence(b, BURST));
            call(a, "cluster:notify", "create", "{\"id\":\"no-such-connection\",\"count\":1}");
            QuietPeriod.assertNoMessage(a, b, bystander);

            call(a, "cluster:close", "create", "{\"id\":\"" + onB + "\",\"code\":4001,\"reason\":\"from A\"}");
            assertEquals(4001, b.awaitClose());
            assertEquals("from A", b.closeReason());
            call(bystander, "greeter:hello", "read", "{\"name\":\"still here\"}");
        }
    }

    /** Each instance sees both members, and how many connections each holds (the other's as last reported). */
    @Test
    @Order(4)
    void eachInstanceSeesBothMembersAndTheirConnections() {
        try (WireClient a = client(0); WireClient b1 = client(1); WireClient b2 = client(1)) {
            await("A sees its connection and B's two").atMost(Duration.ofSeconds(30)).until(() ->
                    connectionsSeenBy(a, false) == 2 && connectionsSeenBy(a, true) == 1);
            await("B sees its two connections and A's one").atMost(Duration.ofSeconds(30)).until(() ->
                    connectionsSeenBy(b1, false) == 1 && connectionsSeenBy(b1, true) == 2);
        }
    }

    // ---------------------------------------------------------------- the change feed

    /**
     * A change committed on one instance reaches the subscribers on both (every connection is subscribed to
     * {@code Post}), once each, whichever instance it committed on.
     */
    @Test
    @Order(5)
    void aChangeCommittedOnEitherInstanceReachesTheSubscribersOfBoth() {
        try (WireClient writerA = client(0); WireClient readerA = client(0); WireClient readerB = client(1);
                WireClient writerB = client(1)) {
            login(writerA, "alice");
            JsonObject created = write(writerA, "create", "{\"title\":\"from A\",\"content\":\"c\"}");
            long id = created.getJsonNumber("id").longValue();
            for (WireClient reader : List.of(readerA, readerB, writerB)) {
                assertChanged(reader, "create", id, "from A");
            }

            login(writerB, "alice");
            write(writerB, "update", "{\"id\":" + id + ",\"title\":\"from B\",\"content\":\"c\"}");
            for (WireClient reader : List.of(readerA, readerB, writerA)) {
                assertChanged(reader, "update", id, "from B");
            }
            QuietPeriod.assertNoMessage(writerA, readerA, readerB, writerB);
        }
    }

    // ---------------------------------------------------------------- faults

    /**
     * B is killed (SIGKILL) while A is multicasting: A's connections keep being served and keep receiving A's
     * multicasts and changes; once B is back it rejoins, and delivery between the two resumes both ways.
     */
    @Test
    @Order(6)
    void whenOneInstanceIsKilledTheOtherServesOnAndDeliveryResumesWhenItComesBack() throws Exception {
        try (WireClient a = client(0); WireClient b = client(1); WireClient controlA = client(0)) {
            join(a, "fault");
            join(b, "fault");
            controlA.send(WireClient.request("burst", "cluster:multicast", "create",
                    "{\"room\":\"fault\",\"count\":" + BURST + "}"));
            instances[1].kill();
            assertEquals(upTo(BURST), sequence(a, BURST));
            assertEquals("burst", json(controlA.next()).getJsonObject("meta").getString("id"));

            awaitMembersSeenBy(controlA, 1);
            assertEquals("Hello, A!", call(a, "greeter:hello", "read", "{\"name\":\"A\"}").getString("message"));
            assertEquals(1, call(controlA, "cluster:multicast", "create", "{\"room\":\"fault\",\"count\":1}")
                    .getInt("local"));
            assertEquals(List.of(0), sequence(a, 1));
            login(controlA, "alice");
            long id = write(controlA, "create", "{\"title\":\"alone\",\"content\":\"c\"}").getJsonNumber("id")
                    .longValue();
            assertChanged(a, "create", id, "alone");
        }

        instances[1] = start(1);
        awaitMembers(2);
        try (WireClient a = client(0); WireClient b = client(1); WireClient controlA = client(0);
                WireClient controlB = client(1)) {
            join(a, "again");
            join(b, "again");
            call(controlA, "cluster:multicast", "create", "{\"room\":\"again\",\"count\":1}");
            assertEquals(List.of(0), sequence(a, 1));
            assertEquals(List.of(0), sequence(b, 1));
            call(controlB, "cluster:multicast", "create", "{\"room\":\"again\",\"count\":1}");
            assertEquals(List.of(0), sequence(a, 1));
            assertEquals(List.of(0), sequence(b, 1));
            login(controlB, "bob");
            long id = write(controlB, "create", "{\"title\":\"back\",\"content\":\"c\"}").getJsonNumber("id")
                    .longValue();
            for (WireClient reader : List.of(a, b, controlA)) {
                assertChanged(reader, "create", id, "back");
            }
            QuietPeriod.assertNoMessage(a, b, controlA, controlB);
        }
    }

    // ---------------------------------------------------------------- operations

    /**
     * With one connection open on A and two on B, each instance's readiness check shows both members with those
     * counts (the other's as last reported) and three connections in the cluster, and its {@code /metrics} the two
     * members and the three connections.
     */
    @Test
    @Order(7)
    @OnlyOn(value = io.yoctopus.it.Server.PAYARA, because = "WildFly 37 has no MicroProfile Metrics and serves health on"
            + " its management port; there operators read the same figures in the Cluster MXBean (ClusterViewTest)")
    void healthAndMetricsShowBothMembersWithTheirConnections() {
        awaitConnections(0, 0);
        try (WireClient a = client(0); WireClient b1 = client(1); WireClient b2 = client(1)) {
            awaitConnections(1, 2);
            for (int index = 0; index < instances.length; index++) {
                int instance = index;
                await("instance " + index + "'s metrics show both members and 3 connections").atMost(REPORTED)
                        .untilAsserted(() -> assertEquals(Map.of("yoctopus_cluster_members", 2.0,
                                "yoctopus_cluster_connections", 3.0), clusterMetrics(instance)));
            }
        }
    }

    /**
     * A listing of the connections asked on A holds the connections open on A and on B, and names no silent member;
     * asked on B, the same.
     */
    @Test
    @Order(8)
    void aListingOfConnectionsAskedOnEitherInstanceHoldsThoseOfBoth() {
        try (WireClient a = client(0); WireClient b1 = client(1); WireClient b2 = client(1)) {
            Set<String> opened = Set.of(id(a), id(b1), id(b2));
            for (WireClient asker : List.of(a, b1)) {
                JsonObject listed = call(asker, "cluster:ids", "read", "{}");
                Set<String> ids = listed.getJsonArray("ids").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString).collect(Collectors.toSet());
                assertTrue(ids.containsAll(opened), ids + " holds " + opened);
                assertEquals(List.of(), listed.getJsonArray("silentMembers"), listed.toString());
            }
        }
    }

    private String id(WireClient client) {
        return call(client, "cluster:whoami", "read", "{}").getString("id");
    }

    /**
     * Until each instance's readiness check shows both members, A with {@code onA} connections and B with
     * {@code onB}, and their sum as the cluster's.
     */
    private static void awaitConnections(int onA, int onB) {
        for (int index = 0; index < instances.length; index++) {
            int instance = index;
            Map<Boolean, Integer> expected = Map.of(true, index == 0 ? onA : onB, false, index == 0 ? onB : onA);
            await("instance " + index + "'s readiness shows A with " + onA + " connections and B with " + onB)
                    .atMost(REPORTED).untilAsserted(() -> {
                        JsonObject data = readinessData(instance);
                        assertEquals("2", text(data, "clusterMembers"), data.toString());
                        assertEquals(String.valueOf(onA + onB), text(data, "clusterConnections"), data.toString());
                        assertEquals(expected, memberConnections(data), data.toString());
                    });
        }
    }

    /** The readiness check's data on instance {@code index}: Payara writes every value as a string. */
    private static JsonObject readinessData(int index) throws IOException, InterruptedException {
        JsonObject health = json(get(index, "health/ready"));
        return health.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(check -> "yoctopus-readiness".equals(check.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no readiness check in " + health)).getJsonObject("data");
    }

    private static String text(JsonObject data, String key) {
        JsonValue value = data.get(key);
        return value instanceof JsonString string ? string.getString() : String.valueOf(value);
    }

    /** The members' connections in the readiness data, by whether the member is the instance asked. */
    private static Map<Boolean, Integer> memberConnections(JsonObject data) {
        Map<Boolean, Integer> connections = new TreeMap<>();
        data.keySet().stream().filter(key -> key.startsWith("clusterMember.")).forEach(key -> {
            Matcher member = MEMBER_CONNECTIONS.matcher(text(data, key));
            assertTrue(member.find(), key + ": " + text(data, key));
            connections.put(Boolean.valueOf(member.group(2)), Integer.valueOf(member.group(1)));
        });
        return connections;
    }

    /** The samples {@code yoctopus_cluster_*} of instance {@code index}'s {@code /metrics}, by name. */
    private static Map<String, Double> clusterMetrics(int index) throws IOException, InterruptedException {
        Map<String, Double> samples = new TreeMap<>();
        Matcher sample = CLUSTER_SAMPLE.matcher(get(index, "metrics?scope=application"));
        while (sample.find()) {
            samples.put(sample.group(1), Double.valueOf(sample.group(2)));
        }
        return samples;
    }

    /** GET {@code path} at instance {@code index}'s root, where Payara Micro serves health and metrics. */
    private static String get(int index, String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://localhost:" + instances[index].httpPort() + "/" + path);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "GET " + uri + ": " + response.body());
        return response.body();
    }

    // ---------------------------------------------------------------- the servers

    /** Instance {@code index} of the two, clustered with the other as README's "Clustering" says for its server. */
    private static ServerProcess start(int index) {
        JavaArchive probe = ShrinkWrap.create(JavaArchive.class, "yoctopus-it-cluster.jar")
                .addClass(ClusterProbe.class)
                .addAsManifestResource(Deployments.BEANS_XML, "beans.xml");
        WebArchive war = Deployments.war(probe).addAsResource(new StringAsset("yoctopus.ping-interval=2000\n"),
                "META-INF/microprofile-config.properties"); // a starved test client must not be dropped
        ServerProcess.Setup setup = ServerProcess.Setup.of(war);
        try {
            boolean wildfly = io.yoctopus.it.Server.current() == io.yoctopus.it.Server.WILDFLY;
            return ServerProcess.start(wildfly ? onWildFly(setup, index) : onPayara(setup, index),
                    DIR.resolve("instance-" + index));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start instance " + index, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting instance " + index, e);
        }
    }

    /** On its own grid port, both ports named as the cluster's members. */
    private static ServerProcess.Setup onPayara(ServerProcess.Setup setup, int index) {
        return setup.withSystemProperties(Map.of("hazelcast.socket.bind.any", "false", "yoctopus.demo.enabled", "true"))
                .withPayaraOptions(List.of(
                        "--clusterMode", "tcpip:127.0.0.1:" + gridPorts[0] + ",127.0.0.1:" + gridPorts[1],
                        "--interfaces", "127.0.0.1", "--hzPublicAddress", "127.0.0.1",
                        "--clusterName", clusterName, "--startport", String.valueOf(gridPorts[index]),
                        "--name", "instance-" + index,
                        "--prebootcommandfile", "src/main/payara/preboot-commands.txt",
                        "--postbootcommandfile", postBoot.toString()));
    }

    /** README's cluster.cli on standalone-full.xml, the peer the other instance's HTTP port, the shared database. */
    private static ServerProcess.Setup onWildFly(ServerProcess.Setup setup, int index) throws IOException {
        List<String> commands = new ArrayList<>(Files.readAllLines(Path.of("src", "main", "wildfly", "cluster.cli"))
                .stream().filter(line -> !line.isBlank() && !line.startsWith("#")).toList());
        commands.add("/subsystem=datasources/data-source=ExampleDS:write-attribute(name=connection-url, value=\""
                + databaseUrl + "\")");
        commands.add("/subsystem=transactions:write-attribute(name=node-identifier, value=instance-" + index + ")");
        return setup.withSystemProperties(Map.of("yoctopus.demo.enabled", "true",
                        "yoctopus.cluster.peer.port", String.valueOf(8080 + portOffsets[1 - index]),
                        "yoctopus.cluster.password", clusterName))
                .withWildFly(new ServerProcess.WildFlyOptions("standalone-full.xml", commands, portOffsets[index]));
    }

    /** Until each instance's application sees {@code count} members. */
    private static void awaitMembers(int count) {
        for (int index = 0; index < instances.length; index++) {
            try (WireClient client = WireClient.connect(uri(index))) {
                awaitMembersSeenBy(client, count);
            }
        }
    }

    private static void awaitMembersSeenBy(WireClient client, int count) {
        await("the application sees " + count + " members").atMost(JOIN).pollInterval(Duration.ofMillis(500))
                .until(() -> members(client).size() == count);
    }

    private static JsonArray members(WireClient client) {
        client.send(WireClient.request("members", "cluster:members", "read", "{}"));
        return json(client.next()).getJsonArray("data");
    }

    /** The connections {@code client}'s instance counts for itself ({@code local}) or for the other member. */
    private static int connectionsSeenBy(WireClient client, boolean local) {
        return members(client).stream().map(JsonValue::asJsonObject)
                .filter(member -> member.getBoolean("local") == local)
                .mapToInt(member -> member.getInt("connections")).sum();
    }

    private static URI uri(int index) {
        return URI.create("ws://localhost:" + instances[index].httpPort() + "/" + Deployments.WS_PATH);
    }

    private static WireClient client(int index) {
        return WireClient.connect(uri(index));
    }

    // ---------------------------------------------------------------- requests and notifications

    /** Sends a request and returns the data of its answer, which must be the next message and ok. */
    private JsonObject call(WireClient client, String endpoint, String method, String data) {
        String id = "c" + ids.incrementAndGet();
        client.send(WireClient.request(id, endpoint, method, data));
        JsonObject answer = json(client.next());
        assertEquals(id, answer.getJsonObject("meta").getString("id"), answer.toString());
        assertEquals("ok", answer.getJsonObject("meta").getString("status"), answer.toString());
        return answer.getJsonObject("data");
    }

    private void join(WireClient client, String room) {
        call(client, "chat:room", "update", "{\"room\":\"" + room + "\"}");
    }

    private void login(WireClient client, String user) {
        call(client, "auth:session", "create", "{\"username\":\"" + user + "\",\"password\":\"secret\"}");
    }

    /**
     * Writes a post and returns it. The writer is subscribed to posts too: its own change notification arrives
     * before the answer (it is queued at the commit, inside the request), and is checked here.
     */
    private JsonObject write(WireClient writer, String method, String data) {
        String id = "w" + ids.incrementAndGet();
        writer.send(WireClient.request(id, "posts:post", method, data));
        JsonObject change = json(writer.next());
        assertEquals("data-changed", change.getJsonObject("meta").getString("type", ""), change.toString());
        JsonObject answer = json(writer.next());
        assertEquals(id, answer.getJsonObject("meta").getString("id"), answer.toString());
        return answer.getJsonObject("data");
    }

    private static void assertChanged(WireClient reader, String operation, long id, String title) {
        JsonObject change = json(reader.next());
        assertEquals("data-changed", change.getJsonObject("meta").getString("type", ""), change.toString());
        JsonObject data = change.getJsonObject("data");
        assertEquals(operation, data.getString("operation"), change.toString());
        assertEquals("Post", data.getString("model"), change.toString());
        assertEquals(id, data.getJsonObject("fields").getJsonNumber("id").longValue(), change.toString());
        assertEquals(title, data.getJsonObject("fields").getString("title"), change.toString());
    }

    /** The next {@code count} messages, each a {@code seq} notification: their numbers, in arrival order. */
    private static List<Integer> sequence(WireClient client, int count) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonObject message = json(client.next());
            assertEquals(ClusterProbe.SEQUENCE, message.getJsonObject("meta").getString("type", ""),
                    message.toString());
            numbers.add(message.getJsonObject("data").getInt("n"));
        }
        return numbers;
    }

    private static List<Integer> upTo(int count) {
        List<Integer> numbers = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            numbers.add(n);
        }
        return numbers;
    }

    private static JsonObject json(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
