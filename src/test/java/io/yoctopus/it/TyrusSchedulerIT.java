package io.yoctopus.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.it.timers.IdleTimeoutDefault;
import io.yoctopus.it.timers.TimerProbe;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Tyrus adapter's timer remedy ({@code io.yoctopus.runtime.adapters.tyrus.TyrusTimers}) on a real Payara
 * Micro: the sessions of {@code /ws} run their idle timer on the
 * framework's plain scheduler (not on Payara's managed executor), and idle timeouts still work: an idle
 * connection is closed, a busy one is not.
 *
 * <p>The deployment is the built WAR plus a test jar that gives every session a
 * {@value IdleTimeoutDefault#IDLE_TIMEOUT_MS} ms idle timeout ({@link IdleTimeoutDefault}) and a test
 * plugin that reads how many timers the plain scheduler has run ({@link TimerProbe}). Only idle timeouts
 * run on that scheduler in this deployment, so the count grows only when one fires there.
 */
@OnlyOn(value = Server.PAYARA, because = "Tyrus timers exist only on Payara Micro: WildFly (Undertow) and Open Liberty"
        + " have their own WebSocket containers, and the framework installs the Tyrus adapter only where Tyrus runs")
@ExtendWith(ArquillianExtension.class)
class TyrusSchedulerIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        JavaArchive probe = ShrinkWrap.create(JavaArchive.class, "yoctopus-it-timers.jar")
                .addClasses(IdleTimeoutDefault.class, TimerProbe.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml")
                // pings restart Tyrus's idle timer too: off here, so that an idle connection really idles
                .addAsManifestResource(new StringAsset("yoctopus.ping-interval=0\n"), "microprofile-config.properties");
        return Deployments.war(probe);
    }

    @Test
    void anIdleConnectionIsClosedByTheIdleTimeoutFiredOnThePlainScheduler() throws InterruptedException {
        URI uri = Deployments.wsUri(base);
        long before = timersRun(uri);
        try (WireClient idle = WireClient.connect(uri)) {
            int code = idle.awaitClose();   // the idle timeout is 2 s; awaitClose waits up to 10 s
            assertEquals(1000, code);
            assertTrue(idle.closeReason().contains("idle timeout"), idle.closeReason());
        }
        // the timer is counted as its task starts, which can be just after the client saw the close
        await("the idle timeout ran on the plain scheduler (timers run before: " + before + ")")
                .atMost(Duration.ofSeconds(5)).until(() -> timersRun(uri), after -> after > before);
    }

    private static long timersRun(URI uri) {
        try (WireClient probe = WireClient.connect(uri)) {
            probe.send(WireClient.request("t", "timers:run", "read", "{}"));
            JsonObject reply = probe.nextJson();
            assertEquals("ok", reply.getJsonObject("meta").getString("status"), reply.toString());
            return reply.getJsonObject("data").getJsonNumber("count").longValue();
        }
    }

    @Test
    void aConnectionThatKeepsTalkingOutlivesTheIdleTimeout() throws InterruptedException {
        try (WireClient busy = WireClient.connect(Deployments.wsUri(base))) {
            long pause = IdleTimeoutDefault.IDLE_TIMEOUT_MS / 4;
            for (int i = 0; i < 10; i++) {   // 10 pauses of a quarter of the timeout: 2.5 timeouts in all
                busy.send(WireClient.request("b" + i, "greeter:hello", "read", "{\"name\":\"Bo\"}"));
                JsonObject reply = busy.nextJson();
                assertEquals("Hello, Bo!", reply.getJsonObject("data").getString("message"), reply.toString());
                Thread.sleep(pause);   // the client's pace, the scenario: not a wait for the server
            }
            assertFalse(busy.isClosed(), "each message restarted the idle timer");
        }
    }
}
