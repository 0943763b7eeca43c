package io.yoctopus.plugins.changetracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.yoctopus.api.RequestRejected;
import io.yoctopus.plugins.changetracker.TrackedEntities.Memo;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The built-in subscription endpoints as a deployer switches them on, on the change tracker's real
 * initialisation ({@link ChangeTracking}): their answers, their refusals, and the subscriptions they make.
 */
class SubscriptionEndpointsTest {

    private ChangeTracking tracking;
    private SubscriptionEndpoints endpoints;

    @BeforeEach
    void start() {
        System.setProperty(SubscriptionEndpoints.ENABLED, "true");
        System.setProperty(SubscriptionEndpoints.MODELS, "Memo, Draft");
        tracking = ChangeTracking.start("changetracker-test", SubscriptionEndpoints.class);
        endpoints = tracking.container.select(SubscriptionEndpoints.class).get();
        tracking.open("c0");
    }

    @AfterEach
    void stop() {
        tracking.close();
        System.clearProperty(SubscriptionEndpoints.ENABLED);
        System.clearProperty(SubscriptionEndpoints.MODELS);
    }

    private static JsonValue data(String json) {
        return Json.createReader(new StringReader(json)).readValue();
    }

    private List<ChangeTracker.Target> subscriptions() {
        return tracking.tracker.subscriptions("c0");
    }

    private static ChangeTracker.Target memo(String row) {
        return new ChangeTracker.Target("Memo", Optional.ofNullable(row));
    }

    private static final ChangeTracker.Target ARTICLE = new ChangeTracker.Target("Article", Optional.empty());

    @Test
    void aModelSubscriptionIsMadeAnsweredAndEnded() {
        assertEquals(Map.of("subscribed", "Memo"), endpoints.subscribe(data("{\"model\":\"Memo\"}"), "c0"));
        assertEquals(List.of(ARTICLE, memo(null)), subscriptions());
        tracking.commit(entities -> entities.persist(new Memo(1, "one")));
        assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"data-changed\"},\"data\":{\"operation\":\"create\","
                + "\"model\":\"Memo\",\"fields\":{\"id\":1}}}", tracking.sink("c0").next());

        assertEquals(Map.of("unsubscribed", "Memo"), endpoints.unsubscribe(data("{\"model\":\"Memo\",\"instanceId\":null}"), "c0"));
        assertEquals(List.of(ARTICLE), subscriptions());
    }

    @Test
    void aRowSubscriptionTakesANumberOrAStringAndEchoesIt() {
        assertEquals(Map.of("subscribed", "Memo", "instanceId", Json.createValue(7)),
                endpoints.subscribe(data("{\"model\":\"Memo\",\"instanceId\":7}"), "c0"));
        assertEquals(Map.of("subscribed", "Memo", "instanceId", Json.createValue("8")),
                endpoints.subscribe(data("{\"model\":\"Memo\",\"instanceId\":\"8\"}"), "c0"));
        assertEquals(3, subscriptions().size());
        assertEquals(List.of(ARTICLE, memo("7"), memo("8")), subscriptions().stream()
                .sorted(Comparator.comparing(target -> target.model() + target.instanceId().orElse(""))).toList());

        assertEquals(Map.of("unsubscribed", "Memo", "instanceId", Json.createValue(7.0)),
                endpoints.unsubscribe(data("{\"model\":\"Memo\",\"instanceId\":7.0}"), "c0"));
        assertFalse(subscriptions().contains(memo("7")), "7.0 names row 7");
    }

    @Test
    void malformedDataIsRefusedWithEveryProblem() {
        assertEquals(List.of("data must be an object {model, instanceId?}"),
                assertThrows(RequestRejected.class, () -> endpoints.subscribe(data("[\"Memo\"]"), "c0")).errors());
        assertEquals(List.of("model: is required", "instanceId: must be a number or a string"),
                assertThrows(RequestRejected.class, () -> endpoints.subscribe(data("{\"instanceId\":true}"), "c0")).errors());
        assertEquals(List.of("model: is required"),
                assertThrows(RequestRejected.class, () -> endpoints.unsubscribe(data("{\"model\":null}"), "c0")).errors());
        assertEquals(List.of("model: must be a string"),
                assertThrows(RequestRejected.class, () -> endpoints.subscribe(data("{\"model\":5}"), "c0")).errors());
        assertEquals(List.of("instanceId: must be a number or a string"), assertThrows(RequestRejected.class,
                () -> endpoints.subscribe(data("{\"model\":\"Memo\",\"instanceId\":{}}"), "c0")).errors());
        assertEquals(List.of(ARTICLE), subscriptions());
    }

    @Test
    void aModelThatIsNotOpenIsNamedAndALongNameIsCut() {
        assertEquals(List.of("model 'Article' is not open to subscriptions"), assertThrows(UntrackedModel.class,
                () -> endpoints.subscribe(data("{\"model\":\"Article\"}"), "c0")).errors());
        assertEquals(List.of("model '" + "P".repeat(64) + "…' is not open to subscriptions"), assertThrows(
                UntrackedModel.class, () -> endpoints.unsubscribe(data("{\"model\":\"" + "P".repeat(5000) + "\"}"), "c0"))
                .errors());
    }

    @Test
    void anOpenModelThatIsNotTrackedIsRefusedByTheTracker() {
        assertEquals(List.of("model 'Draft' is not tracked"), assertThrows(UntrackedModel.class,
                () -> endpoints.subscribe(data("{\"model\":\"Draft\",\"instanceId\":1}"), "c0")).errors());
    }
}
