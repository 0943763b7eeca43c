package io.yoctopus.runtime.catalogue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.NonBlocking;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Whether a route's handler may block, decided once from its declaration. */
class RouteTest {

    static final class Handlers {
        public String plain() {
            return "";
        }

        @NonBlocking
        public String marked() {
            return "";
        }

        public CompletionStage<String> stage() {
            return CompletableFuture.completedFuture("");
        }

        public CompletableFuture<String> future() {
            return CompletableFuture.completedFuture("");
        }
    }

    private static HandlerModel handler(String name) throws NoSuchMethodException {
        Method method = Handlers.class.getMethod(name);
        return new HandlerModel("e", "read", method, List.of(), null, null, List.of());
    }

    @Test
    void aHandlerMayBlockUnlessItSaysItDoesNotOrReturnsAStage() throws Exception {
        assertTrue(Route.blocking(handler("plain")), "a plain handler may block");
        assertFalse(Route.blocking(handler("marked")), "@NonBlocking");
        assertFalse(Route.blocking(handler("stage")), "a CompletionStage completes elsewhere");
        assertFalse(Route.blocking(handler("future")), "so does any subtype of it");
    }
}
