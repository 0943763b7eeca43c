package io.yoctopus.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import io.yoctopus.it.opsjar.OperatorLog;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What operators see and do, on the real server, through the surfaces its console and tools read (README, "Operating
 * Yoctopus"):
 * <ul>
 * <li>MicroProfile Health and Metrics, on the server Arquillian deployed to: after known traffic (connections opened,
 * requests answered, errors caused) {@code /health/ready}, {@code /health/live} and {@code /metrics} show those
 * figures (WildFly has no MicroProfile Metrics; its health is on the management port);</li>
 * <li>JMX, over a real remote connection to the server Arquillian deployed to, as each server's tools connect: on
 * Payara Micro through the JDK's local management agent (as JConsole and VisualVM attach to a local process), on Open
 * Liberty through its local connector, on WildFly through its management port ({@link #jmxTarget()}). The connections
 * listed, one closed and one notified, a plugin disabled (its clients get {@code unknown endpoint}) and enabled again,
 * the allowed origins set, the figures read; each action logged with what changed (read through the test plugin
 * {@link OperatorLog}).</li>
 * </ul>
 * The demo plugins are on (arquillian.xml), {@code greeter} among them.
 */
@ExtendWith(ArquillianExtension.class)
class OperationsIT {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(ShrinkWrap.create(JavaArchive.class, "yoctopus-it-ops.jar")
                .addClass(OperatorLog.class)
                .addAsManifestResource(Deployments.BEANS_XML, "beans.xml"));
    }

    // ---------------------------------------------------------------- MicroProfile Health and Metrics

    /**
     * Three connections, seven greeter requests of which two are invalid, one request for an unknown endpoint and one
     * malformed frame: /metrics shows exactly that much more than before.
     */
    @Test
    @OnlyOn(value = {Server.PAYARA, Server.LIBERTY}, because = "WildFly 37 has no MicroProfile Metrics (it replaced them"
            + " with Micrometer, which none of its standard configurations has): there the figures are read through JMX"
            + " (README, \"Operating Yoctopus\")")
    void metricsShowTheTrafficJustMade() throws Exception {
        awaitNoConnections();
        Map<String, Double> before = metrics();
        List<WireClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                clients.add(WireClient.connect(Deployments.wsUri(base)));
            }
            WireClient client = clients.get(0);
            for (int i = 0; i < 5; i++) {
                assertEquals("ok", status(client, WireClient.request("h" + i, "greeter:hello", "read", "{\"name\":\"Op\"}")));
            }
            for (int i = 0; i < 2; i++) {
                assertEquals("error", status(client, WireClient.request("e" + i, "greeter:hello", "read", "{\"name\":7}")));
            }
            assertEquals("error", status(client, WireClient.request("u", "nowhere:at-all", "read", "{}")));
            client.send("{not json");
            assertEquals("error", client.nextJson().getJsonObject("meta").getString("status"));

            Map<String, Double> after = metrics();
            String hello = "endpoint=\"greeter:hello\",method=\"read\"";
            assertEquals(3, after.get(series("yoctopus_connections_open", "")), "open now: " + after);
            assertEquals(3, delta(before, after, series("yoctopus_connections_opened", "")));
            assertEquals(7, delta(before, after, series("yoctopus_requests", hello)));
            assertEquals(2, delta(before, after, series("yoctopus_requests_errors", hello)));
            assertEquals(1, delta(before, after, series("yoctopus_requests_unrouted", "reason=\"unknown-endpoint\"")));
            assertEquals(1, delta(before, after, series("yoctopus_requests_unrouted", "reason=\"malformed\"")));
            assertEquals(9, delta(before, after, series("yoctopus_frames_in", "")));
            assertEquals(9, delta(before, after, series("yoctopus_frames_out", "")));
            double p50 = after.get(series("yoctopus_request_latency_seconds", hello + ",percentile=\"50\""));
            assertTrue(p50 > 0 && p50 < 10, "the median latency of greeter:hello read, in seconds: " + p50);
        } finally {
            clients.forEach(WireClient::close);
        }
        await("the closed connections leave the open count").atMost(WAIT).untilAsserted(() ->
                assertEquals(0, metrics().get(series("yoctopus_connections_open", ""))));
    }

    /**
     * With three connections open, {@code /health/ready} is UP and its check counts them and the endpoints;
     * {@code /health/live} is UP, the liveness checks running.
     */
    @Test
    void healthShowsTheApplicationReadyAndAlive() throws Exception {
        awaitNoConnections();
        List<WireClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                clients.add(WireClient.connect(Deployments.wsUri(base)));
                assertEquals("ok", status(clients.get(i), WireClient.request("h", "greeter:hello", "read",
                        "{\"name\":\"Op\"}")), "open and served");
            }
            JsonObject ready = health("ready");
            assertEquals("UP", ready.getString("status"), ready.toString());
            JsonObject readiness = check(ready, "yoctopus-readiness");
            assertEquals("UP", readiness.getString("status"));
            assertEquals(3, number(readiness, "connections"), readiness.toString());
            assertTrue(number(readiness, "endpoints") > 0, readiness.toString());
            JsonObject live = health("live");
            assertEquals("UP", live.getString("status"), live.toString());
            assertEquals("running", check(live, "yoctopus-liveness").getJsonObject("data").getString("livenessChecks"));
        } finally {
            clients.forEach(WireClient::close);
        }
    }

    /** Until the connections of the other tests, closed by their clients, have left the server's registry. */
    private void awaitNoConnections() {
        await("the connections of the other tests are gone").atMost(WAIT).untilAsserted(() ->
                assertEquals(0, number(check(health("ready"), "yoctopus-readiness"), "connections")));
    }

    /** A number of a check's data: Payara writes every value as a string, the others numbers as numbers. */
    private static long number(JsonObject check, String key) {
        JsonValue value = check.getJsonObject("data").get(key);
        assertNotNull(value, key + " in " + check);
        return Long.parseLong(value instanceof JsonString text ? text.getString() : value.toString());
    }

    private static String status(WireClient client, String request) {
        client.send(request);
        return client.nextJson().getJsonObject("meta").getString("status");
    }

    /** A series as the Prometheus text shows it, the server's own labels (mp_scope, ...) left out. */
    private static String series(String name, String labels) {
        return name + "{" + labels + "}";
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        Double now = after.get(series);
        assertNotNull(now, series + " is not among " + after.keySet());
        return now - before.getOrDefault(series, 0.0);
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** The labels servers add to every application metric. */
    private static final Set<String> SERVER_LABELS = Set.of("mp_scope", "mp_app", "_app");

    /** The framework's samples of the server's {@code /metrics}, by {@code name{labels}} in the order they were given. */
    private Map<String, Double> metrics() throws IOException, InterruptedException {
        String text = get("metrics");
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("yoctopus_") && sample.find()) {
                List<String> labels = new ArrayList<>();
                Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
                while (label.find()) {
                    if (!SERVER_LABELS.contains(label.group(1))) {
                        labels.add(label.group(1) + "=\"" + label.group(2) + "\"");
                    }
                }
                samples.put(sample.group(1) + "{" + String.join(",", labels) + "}", Double.parseDouble(sample.group(3)));
            }
        }
        return samples;
    }

    private JsonObject health(String kind) throws IOException, InterruptedException {
        try (var reader = JSON.createReader(new StringReader(get("health/" + kind)))) {
            return reader.readObject();
        }
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(check -> name.equals(check.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    /**
     * GET {@code path} at the server's root: health and metrics are the server's, outside the application's context,
     * and on WildFly on its management port (9990, moved by the tests' port offset).
     */
    private String get(String path) throws IOException, InterruptedException {
        int port = Server.current() == Server.WILDFLY ? 9990 + Integer.getInteger("wildfly.it.port-offset", 0)
                : base.getPort();
        URI uri = URI.create(base.getProtocol() + "://" + base.getHost() + ":" + port + "/" + path);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() == 200 || (path.startsWith("health") && response.statusCode() == 503),
                "GET " + uri + ": HTTP " + response.statusCode() + " " + response.body());
        return response.body();
    }

    // ---------------------------------------------------------------- JMX

    /**
     * Over a remote JMX connection: the open connections are listed with their remote address and settings; one is
     * closed (its client sees the code and reason), another sent a notification; the {@code greeter} plugin is disabled
     * (its clients get {@code unknown endpoint}) and enabled again; the allowed origins are set (a handshake from
     * another origin is refused) and set back; the figures show what happened. Each action is in the server's log
     * with what changed.
     */
    @Test
    void operatorsManageConnectionsPluginsAndOriginsOverJmx() throws Exception {
        URI ws = Deployments.wsUri(base);
        try (JMXConnector connector = jmxTarget()) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            ObjectName connections = only(jmx, "Connections");
            ObjectName plugins = only(jmx, "Plugins");
            ObjectName origins = only(jmx, "AllowedOrigins");
            ObjectName metrics = only(jmx, "Metrics");
            await("the connections of earlier tests are gone").atMost(WAIT)
                    .until(() -> jmx.getAttribute(connections, "Count"), count -> count.equals(0));
            long refusedBefore = (Long) ((TabularData) jmx.getAttribute(metrics, "HandshakesRefused"))
                    .get(new Object[] {"origin"}).get("value");
            try (WireClient alice = WireClient.connect(ws); WireClient bob = WireClient.connect(ws)) {
                manage(jmx, connections, plugins, origins, ws, alice, bob);
            }
            assertEquals(refusedBefore + 1, ((TabularData) jmx.getAttribute(metrics, "HandshakesRefused"))
                    .get(new Object[] {"origin"}).get("value"));
            TabularData figures = (TabularData) jmx.getAttribute(metrics, "Figures");
            assertTrue((Double) figures.get(new Object[] {"yoctopus.requests{endpoint=greeter:hello,method=read}"})
                    .get("value") >= 1.0, "the greeter request answered while the plugin was enabled");
            assertTrue((Long) jmx.getAttribute(metrics, "NotificationsSent") >= 1);
        }
        List<String> log = operatorLog(ws);
        assertLogged(log, "^operator closed connection \\S+ \\(from \\S+\\) with 4000 'operator says bye'$");
        assertLogged(log, "^operator sent connection \\S+ \\(from \\S+\\) the notification 'maintenance' \\{\"in\":5}$");
        assertLogged(log, "^plugin 'greeter' disabled: no longer serving \\[greeter:hello read]$");
        assertLogged(log, "^plugin 'greeter' enabled: serving \\[greeter:hello read] again$");
        assertLogged(log, "^allowed origins: \\[https://ops.example] \\(were \\[\\*]\\)$");
    }

    /** The framework's log messages so far, as the test plugin {@link OperatorLog} collected them. */
    private static List<String> operatorLog(URI ws) {
        try (WireClient client = WireClient.connect(ws)) {
            client.send(WireClient.request("log", "ops:log", "read", "{}"));
            return client.nextJson().getJsonArray("data").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).toList();
        }
    }

    private static void assertLogged(List<String> log, String regex) {
        Pattern line = Pattern.compile(regex);
        assertTrue(log.stream().anyMatch(message -> line.matcher(message).matches()),
                "no message matches " + regex + " in " + log);
    }

    private static void manage(MBeanServerConnection jmx, ObjectName connections, ObjectName plugins,
            ObjectName origins, URI ws, WireClient alice, WireClient bob) throws Exception {
        assertEquals("ok", status(alice, WireClient.request("l", "yoctopus:label", "update", "\"alice\"")));
        assertEquals(2, jmx.getAttribute(connections, "Count"));
        CompositeData[] open = (CompositeData[]) jmx.getAttribute(connections, "Connections");
        assertEquals(2, open.length);
        CompositeData aliceRow = Arrays.stream(open).filter(row -> ((String) row.get("settings")).contains("\"alice\""))
                .findFirst().orElseThrow(() -> new AssertionError("alice's label in none of " + Arrays.toString(open)));
        String aliceId = (String) aliceRow.get("id");
        String bobId = Arrays.stream(open).map(row -> (String) row.get("id")).filter(id -> !id.equals(aliceId))
                .findFirst().orElseThrow();
        // the test's own address: loopback, or this machine's address where the server's URL names it
        assertNotNull(NetworkInterface.getByInetAddress(InetAddress.getByName((String) aliceRow.get("remoteAddress"))),
                aliceRow.toString());
        assertTrue((Long) aliceRow.get("ageSeconds") >= 0, aliceRow.toString());

        jmx.invoke(connections, "close", new Object[] {aliceId, 4000, "operator says bye"},
                new String[] {String.class.getName(), int.class.getName(), String.class.getName()});
        assertEquals(4000, alice.awaitClose());
        assertEquals("operator says bye", alice.closeReason());
        await("the closed connection leaves the list").atMost(WAIT)
                .until(() -> jmx.getAttribute(connections, "Count"), count -> count.equals(1));

        jmx.invoke(connections, "notify", new Object[] {bobId, "maintenance", "{\"in\":5}"},
                new String[] {String.class.getName(), String.class.getName(), String.class.getName()});
        JsonObject notification = bob.nextJson();
        assertEquals("maintenance", notification.getJsonObject("meta").getString("type"), notification.toString());
        assertEquals(5, notification.getJsonObject("data").getInt("in"));

        CompositeData greeter = Arrays.stream((CompositeData[]) jmx.getAttribute(plugins, "Plugins"))
                .filter(row -> "greeter".equals(row.get("name"))).findFirst().orElseThrow();
        assertEquals(List.of("greeter:hello read"), Arrays.asList((String[]) greeter.get("endpoints")));
        assertEquals(Boolean.TRUE, greeter.get("enabled"));
        String[] name = {String.class.getName()};
        assertEquals(Boolean.TRUE, jmx.invoke(plugins, "disable", new Object[] {"greeter"}, name));
        assertEquals(List.of("greeter"), Arrays.asList((String[]) jmx.getAttribute(plugins, "Disabled")));
        String hello = WireClient.request("g", "greeter:hello", "read", "{\"name\":\"Bob\"}");
        bob.send(hello);
        assertEquals("unknown endpoint 'greeter:hello'", bob.nextJson().getString("error"));
        assertEquals(Boolean.TRUE, jmx.invoke(plugins, "enable", new Object[] {"greeter"}, name));
        bob.send(hello);
        assertEquals("Hello, Bob!", bob.nextJson().getJsonObject("data").getString("message"));

        jmx.setAttribute(origins, new Attribute("AllowedOrigins", new String[] {"https://ops.example"}));
        assertEquals(List.of("https://ops.example"), Arrays.asList((String[]) jmx.getAttribute(origins, "AllowedOrigins")));
        assertEquals(403, WireClient.handshakeStatus(ws, Map.of("Origin", "https://elsewhere.example")));
        WireClient.connect(ws, Map.of("Origin", "https://ops.example")).close();
        jmx.setAttribute(origins, new Attribute("AllowedOrigins", new String[] {"*"}));
    }

    /**
     * A remote JMX connection to the server Arquillian deployed to, made as each server's tools make it. Payara Micro:
     * the JDK's local management agent, started through the attach API in the server's process (a child of this
     * one), as JConsole and VisualVM do for a local process. Open Liberty: its local connector ({@code
     * localConnector-1.0}, in the tests' server.xml), at the address it writes into its state directory. WildFly: its
     * management port, with WildFly's own JMX client ({@code bin/client/jboss-cli-client.jar}, the way its
     * README-CLI-JCONSOLE connects JConsole).
     */
    private static JMXConnector jmxTarget() throws Exception {
        return switch (Server.current()) {
            case PAYARA -> JMXConnectorFactory.connect(new JMXServiceURL(localAgent(payaraProcess())));
            case LIBERTY -> JMXConnectorFactory.connect(new JMXServiceURL(Files.readString(Path.of(
                    System.getProperty("liberty.home"), "usr", "servers", System.getProperty("liberty.it.server"),
                    "logs", "state", "com.ibm.ws.jmx.local.address")).trim()));
            case WILDFLY -> {
                Path client = Path.of(System.getProperty("wildfly.home"), "bin", "client", "jboss-cli-client.jar");
                URLClassLoader loader = new URLClassLoader(new URL[] {client.toUri().toURL()},
                        OperationsIT.class.getClassLoader());
                int management = 9990 + Integer.getInteger("wildfly.it.port-offset", 0);
                yield JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:remote+http://127.0.0.1:" + management),
                        Map.of(JMXConnectorFactory.PROTOCOL_PROVIDER_CLASS_LOADER, loader));
            }
        };
    }

    /** The Payara Micro that Arquillian started: the one child process of this JVM running payara-micro.jar. */
    private static ProcessHandle payaraProcess() {
        List<ProcessHandle> servers = ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().orElse("").contains("payara-micro.jar")).toList();
        assertEquals(1, servers.size(), "Payara Micro processes started by this JVM");
        return servers.get(0);
    }

    /** The address of the JDK's local JMX agent in {@code process}, started if it is not running yet. */
    private static String localAgent(ProcessHandle process) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(process.pid()));
        try {
            return vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
    }

    /** The one MXBean of {@code type} (of the one application on the server), named by the test WAR's context root. */
    private ObjectName only(MBeanServerConnection jmx, String type) throws Exception {
        Set<ObjectName> names = jmx.queryNames(new ObjectName("io.yoctopus:type=" + type + ",*"), null);
        assertEquals(1, names.size(), "MXBeans of type " + type + ": " + names);
        ObjectName name = names.iterator().next();
        String context = base.getPath().replaceAll("/+$", "");
        assertEquals(context.isEmpty() ? "/" : context, name.getKeyProperty("context"));
        return name;
    }
}
