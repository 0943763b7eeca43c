package io.yoctopus.plugins.changetracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.runtime.connection.ConnectionQuotas;
import io.yoctopus.runtime.connection.Quotas;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SubscriptionRegistryTest {

    private final SubscriptionRegistry registry = new SubscriptionRegistry();
    private final Map<String, ConnectionQuotas> quotas = new ConcurrentHashMap<>();

    private ConnectionQuotas quotas(String connectionId) {
        return quotas.computeIfAbsent(connectionId, id -> new ConnectionQuotas(Quotas.DEFAULTS));
    }

    private boolean add(String model, String connectionId, String instance) {
        return registry.add(model, connectionId, instance, quotas(connectionId));
    }

    @Test
    void modelSubscribersReceiveEveryRowAndRowSubscribersOnlyTheirs() {
        add("Post", "a", null);
        add("Post", "b", "42");
        add("Post", "c", "7");
        add("User", "d", null);

        assertEquals(Set.of("a", "b"), registry.subscribers("Post", "42"));
        assertEquals(Set.of("a", "c"), registry.subscribers("Post", "7"));
        assertEquals(Set.of("a"), registry.subscribers("Post", "1"));
        assertEquals(Set.of("a"), registry.subscribers("Post", null));
        assertEquals(Set.of("d"), registry.subscribers("User", "42"));
        assertEquals(Set.of(), registry.subscribers("Comment", "42"));
    }

    @Test
    void aConnectionOnTheModelAndOnARowIsOneReceiver() {
        add("Post", "a", null);
        add("Post", "a", "42");
        assertEquals(Set.of("a"), registry.subscribers("Post", "42"));
        assertFalse(add("Post", "a", "42"), "the second add changes nothing");
        assertEquals(2, registry.entries());
    }

    @Test
    void removeEndsOneSubscriptionOnly() {
        add("Post", "a", null);
        add("Post", "a", "42");
        assertTrue(registry.remove("Post", "a", null));
        assertFalse(registry.remove("Post", "a", null), "already gone");
        assertEquals(Set.of(), registry.subscribers("Post", "1"));
        assertEquals(Set.of("a"), registry.subscribers("Post", "42"));
        assertEquals(List.of(new SubscriptionRegistry.Key("Post", "42")), registry.of("a"));
        assertTrue(registry.remove("Post", "a", "42"));
        assertEquals(0, registry.entries());
        assertEquals(0, registry.connections());
    }

    @Test
    void removingAConnectionLeavesNothingBehind() {
        add("Post", "a", null);
        add("Post", "a", "1");
        add("User", "a", "2");
        add("Post", "b", "1");

        assertEquals(3, registry.removeConnection("a"));
        assertEquals(0, registry.removeConnection("a"));
        assertEquals(List.of(), registry.of("a"));
        assertEquals(Set.of("b"), registry.subscribers("Post", "1"));
        assertEquals(Set.of(), registry.subscribers("User", "2"));
        assertEquals(1, registry.entries());
        assertEquals(1, registry.connections());
    }

    @Test
    void rowIdsAreComparedByValue() {
        JsonProvider json = JsonProvider.provider();
        for (Object same : List.of(42, 42L, (short) 42, "42", new BigDecimal("42.00"), 42.0, 42.0f,
                json.createValue(42), json.createValue(new BigDecimal("4.2E1")), json.createValue("42"))) {
            assertEquals("42", SubscriptionRegistry.instanceKey(same), "key of " + same + " (" + same.getClass() + ")");
        }
        assertEquals("0", SubscriptionRegistry.instanceKey(new BigDecimal("0.000")));
        assertEquals("4.5", SubscriptionRegistry.instanceKey(4.5));
        assertEquals("abc-1", SubscriptionRegistry.instanceKey("abc-1"));
        assertEquals(null, SubscriptionRegistry.instanceKey(null));
    }

    @Test
    void anIdWithAnExponentFarOutIsKeptInScientificForm() {
        JsonProvider json = JsonProvider.provider();
        // as plain digits these would be 1 GB of characters
        assertEquals("1E+999999999", SubscriptionRegistry.instanceKey(json.createValue(new BigDecimal("1e999999999"))));
        assertEquals("1E+999999999", SubscriptionRegistry.instanceKey(new BigDecimal("10.0e999999998")));
        assertEquals("1E-999999999", SubscriptionRegistry.instanceKey(new BigDecimal("1e-999999999")));
        // up to 100 zeros, plain, whichever way the number came
        String plain = "1" + "0".repeat(100);
        assertEquals(plain, SubscriptionRegistry.instanceKey(new BigDecimal("1e100")));
        assertEquals(plain, SubscriptionRegistry.instanceKey(new java.math.BigInteger(plain)));
        assertEquals("1E+101", SubscriptionRegistry.instanceKey(new java.math.BigInteger(plain + "0")));
        assertEquals("1E+101", SubscriptionRegistry.instanceKey(new BigDecimal("1e101")));
        // at the ends of BigDecimal's scale
        assertEquals("1E+2147483648", SubscriptionRegistry.instanceKey(new BigDecimal("10e2147483647")));
        assertEquals("1.00E+2147483649", SubscriptionRegistry.instanceKey(new BigDecimal("100e2147483647")));
    }

    @Test
    void concurrentSubscribersAndClosesLeaveAConsistentRegistry() throws Exception {
        int threads = 8;
        int connectionsPerThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < connectionsPerThread; i++) {
                    String id = thread + "-" + i;
                    add("Post", id, null);
                    add("Post", id, Integer.toString(i % 10));
                    add("User", id, null);
                    registry.subscribers("Post", "3");
                    if (i % 2 == 0) {
                        registry.removeConnection(id);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        int survivors = threads * connectionsPerThread / 2;
        assertEquals(survivors, registry.connections());
        assertEquals(survivors * 3, registry.entries());
        assertEquals(survivors, registry.subscribers("Post", "3").size());
    }
}
