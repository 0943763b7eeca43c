package io.yoctopus.runtime.dispatch;

import io.yoctopus.runtime.metrics.Metrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.ConnectionId;
import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.Handles;
import io.yoctopus.api.HandlesBinary;
import io.yoctopus.api.Notifier;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.Reply;
import io.yoctopus.api.Request;
import io.yoctopus.api.RequestRejected;
import io.yoctopus.api.RequirementCheck;
import io.yoctopus.api.Requires;
import io.yoctopus.api.Setting;
import io.yoctopus.demo.auth.Auth;
import io.yoctopus.demo.formats.Formats;
import io.yoctopus.demo.greeter.Greeter;
import io.yoctopus.demo.inspect.Inspect;
import io.yoctopus.plugins.core.CorePlugin;
import io.yoctopus.runtime.catalogue.Catalogue;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.Quotas;
import io.yoctopus.runtime.connection.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The request pipeline without a server: real plugins bound into a catalogue, a real JSON codec and
 * validator, and a connection whose outgoing messages are collected in a queue.
 */
class DispatcherTest extends DispatcherFixture {

    // ----- test plugins -----

    /** A plugin exercising settings, requirements, failures and asynchronous results. */
    @Plugin("acct")
    @Setting(name = "name", type = String.class)
    @Setting(name = "count", type = Number.class)
    @Setting(name = "flag", type = Boolean.class)
    @Setting(name = "tags", type = List.class)
    @Setting(name = "meta", type = Map.class)
    @ApplicationScoped
    public static class Account {
        final AtomicInteger guardedCalls = new AtomicInteger();
        final AtomicInteger fastCalls = new AtomicInteger();
        final CompletableFuture<Object> slow = new CompletableFuture<>();

        @Handles(endpoint = "login", method = "update")
        public Reply login() {
            return Reply.of(Map.of("ok", true))
                    .withSetting("name", "ann")
                    .withSetting("count", 3)
                    .withSetting("flag", true)
                    .withSetting("tags", List.of("a", "b"))
                    .withSetting("meta", Map.of("k", "v"));
        }

        @Handles(endpoint = "login", method = "delete")
        public Reply logout() {
            return Reply.settings(Map.of("flag", false)).withSetting("name", null);
        }

        /** Writes through ConnectionSettings and reads its own staged write back. */
        @Handles(endpoint = "name", method = "update")
        public Map<String, Object> rename(String name, ConnectionSettings settings) {
            settings.set("name", name);
            settings.set("count", 7);
            return Map.of("staged", settings.get("acct", "name").orElseThrow(),
                    "count", settings.get("acct", "count", Integer.class).orElseThrow());
        }

        /** Sets the flag, then tries a name: answers whether the name was refused, and why. */
        @Handles(endpoint = "greedy", method = "update")
        public Map<String, Object> greedy(String name, ConnectionSettings settings) {
            settings.set("flag", true);
            try {
                settings.set("name", name);
                return Map.of("named", true);
            } catch (RequestRejected full) {
                return Map.of("named", false, "refused", full.errors());
            }
        }

        @Handles(endpoint = "bad-reply", method = "update")
        public Reply badReply() {
            return Reply.of("never sent")
                    .withSetting("name", "bob")
                    .withSetting("nope", 1)
                    .withSetting("count", "three")
                    .withSetting("tags", "one")
                    .withSetting("meta", 1);
        }

        @Handles(endpoint = "unknown-setting", method = "update")
        public void setUnknown(ConnectionSettings settings) {
            settings.set("nope", 1);
        }

        /** Sets the setting the client names: a client's key may reach an error message. */
        @Handles(endpoint = "set-named", method = "update")
        public void setNamed(String key, ConnectionSettings settings) {
            settings.set(key, 1);
        }

        @Handles(endpoint = "reject-long", method = "read")
        public String rejectLong() {
            throw new RequestRejected("x".repeat(10_000));
        }

        @Handles(endpoint = "reject-many", method = "read")
        public String rejectMany() {
            throw new RequestRejected(java.util.stream.IntStream.range(0, 30).mapToObj(i -> "reason " + i).toList());
        }

        @Handles(endpoint = "set-then-fail", method = "update")
        public void setThenFail(ConnectionSettings settings) {
            settings.set("name", "zed");
            throw new RequestRejected("changed my mind");
        }

        @Handles(endpoint = "guarded", method = "read")
        @Requires(setting = "acct.flag", equals = "true")
        @Requires(setting = "acct.count", equals = "3.0")
        public String guarded() {
            guardedCalls.incrementAndGet();
            return "in";
        }

        @Handles(endpoint = "checked", method = "read")
        @Requires(check = FlagCheck.class)
        public String checked() {
            guardedCalls.incrementAndGet();
            return "in";
        }

        @Handles(endpoint = "checked-later", method = "read")
        @Requires(check = LaterFlagCheck.class)
        public String checkedLater() {
            guardedCalls.incrementAndGet();
            return "in";
        }

        @Handles(endpoint = "check-fails", method = "read")
        @Requires(check = FailingCheck.class)
        @Requires(check = ThrowingCheck.class)
        @Requires(check = WritingCheck.class)
        public String checkFails() {
            guardedCalls.incrementAndGet();
            return "in";
        }

        @Handles(endpoint = "reject", method = "read")
        public String reject() {
            throw new RequestRejected(List.of("first reason", "second reason"));
        }

        @Handles(endpoint = "boom", method = "read")
        public String boom() {
            throw new IllegalStateException("secret detail");
        }

        @Handles(endpoint = "boom-later", method = "read")
        public CompletionStage<String> boomLater() {
            return CompletableFuture.failedFuture(new RequestRejected("rejected later"));
        }

        /** A stage that fails on another thread: its failure arrives wrapped in a CompletionException. */
        @Handles(endpoint = "reject-in-stage", method = "read")
        public CompletionStage<String> rejectInStage() {
            return CompletableFuture.supplyAsync(() -> {
                throw new RequestRejected("rejected in a stage");
            });
        }

        @Handles(endpoint = "reject-wrapped", method = "read")
        public String rejectWrapped() throws ExecutionException {
            throw new ExecutionException(new InvocationTargetException(new RequestRejected("rejected deep down")));
        }

        @Handles(endpoint = "fail-wrapped", method = "read")
        public CompletionStage<String> failWrapped() {
            return CompletableFuture.failedFuture(new CompletionException(new IllegalStateException("a bug")));
        }

        /** Sets the flag and the count it is given, for the numeric requirement of acct:guarded. */
        @Handles(endpoint = "count", method = "update")
        public Reply count(JsonValue count) {
            return Reply.settings(Map.of("flag", true, "count", count));
        }

        /** Stages a name, clears the settings named, and answers with every setting as it now sees them. */
        @Handles(endpoint = "export", method = "update")
        public Map<String, Map<String, Object>> export(List<String> clear, ConnectionSettings settings) {
            settings.set("name", "eve");
            clear.forEach(key -> settings.set(key, null));
            return settings.export();
        }

        @Handles(endpoint = "slow", method = "read")
        public CompletionStage<Object> slow() {
            return slow;
        }

        @Handles(endpoint = "slow-reply", method = "update")
        public CompletionStage<Reply> slowReply() {
            return CompletableFuture.supplyAsync(() -> Reply.of(List.of(1, 2)).withSetting("name", "async"));
        }

        @Handles(endpoint = "fast", method = "read")
        public String fast() {
            fastCalls.incrementAndGet();
            return "fast";
        }

        @Handles(endpoint = "context", method = "read")
        public Map<String, Object> context(@ConnectionId String id, Request request, Notifier notifier) {
            notifier.notify("alert", Map.of("text", "hi"));
            return Map.of("connection", id, "method", request.method(), "data", request.data());
        }
    }

    /** The application's binary handler: counts the frames it gets and answers each with its size. */
    @Plugin("bytes")
    @Setting(name = "last", type = Number.class)
    @ApplicationScoped
    public static class Bytes {
        final AtomicInteger calls = new AtomicInteger();

        @HandlesBinary
        public void received(byte[] bytes, Notifier notifier, ConnectionSettings settings) {
            calls.incrementAndGet();
            settings.set("last", bytes.length);
            notifier.notify("bytes", Map.of("size", bytes.length));
        }
    }

    /** Met when acct.flag is true; answers at once. */
    public static class FlagCheck implements RequirementCheck {
        @Override
        public CompletionStage<Boolean> test(ConnectionSettings settings, String connectionId) {
            return CompletableFuture.completedFuture(settings.get("acct", "flag", Boolean.class).orElse(false));
        }
    }

    /** Met when acct.flag is true; answers from another thread. */
    public static class LaterFlagCheck implements RequirementCheck {
        @Override
        public CompletionStage<Boolean> test(ConnectionSettings settings, String connectionId) {
            return CompletableFuture.supplyAsync(() -> settings.get("acct", "flag", Boolean.class).orElse(false));
        }
    }

    public static class FailingCheck implements RequirementCheck {
        @Override
        public CompletionStage<Boolean> test(ConnectionSettings settings, String connectionId) {
            return CompletableFuture.failedFuture(new IllegalStateException("permission service down"));
        }
    }

    public static class ThrowingCheck implements RequirementCheck {
        @Override
        public CompletionStage<Boolean> test(ConnectionSettings settings, String connectionId) {
            throw new IllegalStateException("broken check");
        }
    }

    /** Tries to change a setting, which a check may not. */
    public static class WritingCheck implements RequirementCheck {
        @Override
        public CompletionStage<Boolean> test(ConnectionSettings settings, String connectionId) {
            settings.set("flag", true);
            return CompletableFuture.completedFuture(true);
        }
    }

    // ----- fixture -----

    private final Account account = new Account();
    private final Bytes bytes = new Bytes();

    @BeforeEach
    void bindCatalogue() {
        Catalogue catalogue = catalogue(new CorePlugin(), new Greeter(), new Auth(), new Inspect(), new Formats(),
                account, bytes, new FlagCheck(), new LaterFlagCheck(), new FailingCheck(), new ThrowingCheck(),
                new WritingCheck());
        dispatcher = new Dispatcher(() -> catalogue, JSON, VALIDATOR, RequestEvents.NONE, NO_MULTICAST);
    }

    // ----- requests and responses -----

    @Test
    void greeterAnswersWithTheExactResponse() {
        assertEquals("{\"meta\":{\"id\":\"1\",\"endpoint\":\"greeter:hello\",\"method\":\"read\",\"status\":\"ok\"},"
                        + "\"data\":{\"message\":\"Hello, Alice!\"}}",
                sendFrame(frame("1", "greeter:hello", "read", "{\"name\":\"Alice\"}")));
    }

    @Test
    void theIdIsEchoedAsSent() {
        assertEquals("{\"meta\":{\"id\":42,\"endpoint\":\"acct:fast\",\"method\":\"read\",\"status\":\"ok\"},\"data\":\"fast\"}",
                sendFrame("{\"meta\":{\"id\":42,\"endpoint\":\"acct:fast\",\"method\":\"read\"}}"));
        assertEquals("{\"meta\":{\"endpoint\":\"acct:fast\",\"method\":\"read\",\"status\":\"ok\"},\"data\":\"fast\"}",
                sendFrame("{\"meta\":{\"endpoint\":\"acct:fast\",\"method\":\"read\"}}"));
    }

    @Test
    void handlerParametersReceiveTheConnectionTheRequestAndANotifier() {
        assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"alert\"},\"data\":{\"text\":\"hi\"}}",
                dispatcherSendsFirst(frame("1", "acct:context", "read", "[1]")));
        assertEquals(json("{\"connection\":\"c-1\",\"method\":\"read\",\"data\":[1]}"),
                data(JSON.parse(next()).asJsonObject()));
    }

    private String dispatcherSendsFirst(String frame) {
        handle(connection, frame);
        return next();
    }

    @Nested
    class MalformedRequests {

        @Test
        void malformedJson() {
            String message = sendFrame("{\"meta\":");
            assertTrue(message.startsWith("{\"meta\":{\"status\":\"error\"},\"error\":\"malformed JSON: "), message);
        }

        @Test
        void aNumberPastBigDecimalsRangeIsMalformed() {
            for (String number : List.of("1e2147483648", "1E-2147483649", "-1e99999999999")) {
                String message = sendFrame(frame("1", "greeter:hello", "read", "{\"name\":" + number + "}"));
                assertEquals("{\"meta\":{\"status\":\"error\"},\"error\":\"malformed JSON: a number is out of range\"}",
                        message, number);
            }
        }

        @Test
        void contentAfterTheRequestIsMalformed() {
            assertEquals("{\"meta\":{\"status\":\"error\"},\"error\":\"malformed JSON: unexpected content after the JSON value\"}",
                    sendFrame(frame("1", "greeter:hello", "read", "{\"name\":\"A\"}") + " }}}garbage"));
        }

        @Test
        void aSecondMetaIsMalformedAndRunsNothing() {
            data(send("auth:session", "create", "{\"username\":\"ann\",\"password\":\"secret\"}"));
            assertEquals("{\"meta\":{\"status\":\"error\"},\"error\":\"malformed JSON: duplicate key 'meta'\"}",
                    sendFrame("{\"meta\":{\"id\":\"1\",\"endpoint\":\"auth:profile\",\"method\":\"read\"},\"data\":{},"
                            + "\"meta\":{\"id\":\"2\",\"endpoint\":\"auth:dashboard\",\"method\":\"read\"}}"));
        }

        @Test
        void frameThatIsNotAnObject() {
            assertEquals("{\"meta\":{\"status\":\"error\"},\"error\":\"a request must be a JSON object with meta and data\"}",
                    sendFrame("[1,2]"));
        }

        @Test
        void missingMeta() {
            assertEquals("{\"meta\":{\"status\":\"error\"},\"error\":\"meta is missing or not an object\"}",
                    sendFrame("{\"data\":{}}"));
        }

        @Test
        void missingEndpointAndMethodEchoTheId() {
            assertEquals("{\"meta\":{\"id\":\"7\",\"status\":\"error\"},\"error\":"
                            + "[\"meta.endpoint is missing or not a string\",\"meta.method is missing or not a string\"]}",
                    sendFrame("{\"meta\":{\"id\":\"7\",\"endpoint\":5}}"));
        }

        @Test
        void missingMethodOnly() {
            assertEquals("{\"meta\":{\"id\":\"8\",\"endpoint\":\"greeter:hello\",\"status\":\"error\"},"
                            + "\"error\":\"meta.method is missing or not a string\"}",
                    sendFrame("{\"meta\":{\"id\":\"8\",\"endpoint\":\"greeter:hello\"}}"));
        }

        @Test
        void unknownEndpoint() {
            assertEquals("{\"meta\":{\"id\":\"1\",\"endpoint\":\"nope:x\",\"method\":\"read\",\"status\":\"error\"},"
                    + "\"error\":\"unknown endpoint 'nope:x'\"}", sendFrame(frame("1", "nope:x", "read", "{}")));
        }

        @Test
        void aLongUnknownEndpointOrMethodIsCutInTheError() {
            String endpoint = "e".repeat(100_000);
            assertEquals(text("unknown endpoint '" + "e".repeat(64) + "…'"), error(send(endpoint, "read", null)));
            assertEquals(text("endpoint 'acct:login' has no method '" + "m".repeat(64) + "…' (it has: delete, update)"),
                    error(send("acct:login", "m".repeat(65), null)));
            assertEquals(text("unknown endpoint '" + "e".repeat(64) + "'"), error(send("e".repeat(64), "read", null)));
        }

        @Test
        void unknownMethodListsTheKnownOnes() {
            assertEquals(text("endpoint 'acct:login' has no method 'read' (it has: delete, update)"),
                    error(send("acct:login", "read", null)));
        }
    }

    /**
     * A connection allowed a burst of two requests at one a second: the tests send their frames within
     * milliseconds, so no token comes back meanwhile.
     */
    @Nested
    class RateLimit {

        private static final String LIMITED = "rate limit exceeded: slow down";

        private final Connection limited = new Connection("c-2", sink, new RateLimiter(1, 2, System.nanoTime()),
                Quotas.DEFAULTS, new Metrics());

        private String handle(String frame) {
            dispatcher.handle(limited, frame).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
            return next();
        }

        private String handleBinary(byte[] frame) {
            dispatcher.handleBinary(limited, frame).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
            return next();
        }

        @Test
        void malformedFramesCountAndARefusedOneGetsOnlyTheRateLimitError() {
            for (int i = 0; i < 2; i++) {
                String message = handle("{not json");
                assertTrue(message.startsWith("{\"meta\":{\"status\":\"error\"},\"error\":\"malformed JSON: "), message);
            }
            assertEquals("{\"meta\":{\"status\":\"error\"},\"error\":\"" + LIMITED + "\"}", handle("{not json"));
            assertEquals(List.of(), sink.sent(), "more than one answer");
        }

        @Test
        void framesThatAreNoRequestsCountToo() {
            assertEquals("{\"meta\":{\"status\":\"error\"},\"error\":\"meta is missing or not an object\"}",
                    handle("{\"data\":{}}"));
            assertEquals("{\"meta\":{\"status\":\"error\"},\"error\":\"a request must be a JSON object with meta and data\"}",
                    handle("[1]"));
            assertEquals("{\"meta\":{\"id\":\"7\",\"endpoint\":\"greeter:hello\",\"status\":\"error\"},"
                    + "\"error\":\"" + LIMITED + "\"}", handle("{\"meta\":{\"id\":\"7\",\"endpoint\":\"greeter:hello\"}}"));
        }

        @Test
        void aRefusedRequestKeepsItsIdEndpointAndMethod() {
            handle("{not json");
            handle(frame("1", "nope:x", "read", null));
            assertEquals("{\"meta\":{\"id\":\"3\",\"endpoint\":\"greeter:hello\",\"method\":\"read\",\"status\":\"error\"},"
                    + "\"error\":\"" + LIMITED + "\"}", handle(frame("3", "greeter:hello", "read", "{\"name\":\"A\"}")));
        }

        @Test
        void binaryFramesCountAndARefusedOneNeverReachesTheHandler() {
            assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"bytes\"},\"data\":{\"size\":3}}",
                    handleBinary(new byte[3]));
            handle("{not json");
            assertEquals("{\"meta\":{\"status\":\"error\"},\"error\":\"" + LIMITED + "\"}", handleBinary(new byte[1]));
            assertEquals(1, bytes.calls.get());
            assertEquals("{\"meta\":{\"id\":\"4\",\"endpoint\":\"greeter:hello\",\"method\":\"read\",\"status\":\"error\"},"
                    + "\"error\":\"" + LIMITED + "\"}", handle(frame("4", "greeter:hello", "read", "{\"name\":\"A\"}")));
        }

        @Test
        void withoutALimitEveryFrameIsAnswered() {
            for (int i = 0; i < 5; i++) {
                assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"bytes\"},\"data\":{\"size\":2}}",
                        dispatcherSendsFirstBinary(new byte[2]));
            }
            assertEquals(5, bytes.calls.get());
        }
    }

    @Test
    void theSettingsABinaryHandlerWritesApplyAndNothingElseIsSent() {
        assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"bytes\"},\"data\":{\"size\":4}}",
                dispatcherSendsFirstBinary(new byte[4]));
        assertEquals(Optional.of(json("4")), setting("bytes", "last"));
        assertEquals(List.of(), sink.sent(), "a binary frame has no response");
    }

    @Test
    void withoutABinaryHandlerABinaryFrameIsRefused() {
        Catalogue textOnly = catalogue(new Greeter());
        dispatcher = new Dispatcher(() -> textOnly, JSON, VALIDATOR, RequestEvents.NONE, NO_MULTICAST);
        assertEquals("{\"meta\":{\"status\":\"error\"},\"error\":\"binary frames are not accepted\"}",
                dispatcherSendsFirstBinary(new byte[1]));
    }

    @Test
    void theMessagesAreWrittenWithTheDispatchersCodec() {
        assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"t\"},\"data\":[1]}",
                dispatcher.messages().notification("t", List.of(1)));
    }

    private String dispatcherSendsFirstBinary(byte[] frame) {
        dispatcher.handleBinary(connection, frame).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        return next();
    }

    // ----- validation -----

    @Nested
    class DataValidation {

        @Test
        void everyValidationErrorIsReportedAsAnArray() {
            assertEquals(json("[\"e: must be a well-formed email address\",\"u: must be one of active, inactive, pending\","
                            + "\"c: must be greater than 0\",\"nested.user.address.zip: is required\"]"),
                    error(send("formats:all-types", "create", """
                            {"s":"text","n":1.5,"b":true,"a":[],"o":{},"e":"nobody","h":"example.com",
                             "d":"2024-02-29","u":"gone","c":-1,
                             "nested":{"user":{"name":"Ann","address":{"street":"s","city":"c"}}}}""")));
        }

        @Test
        void aSingleValidationErrorIsAString() {
            assertEquals(text("name: is required"), error(send("greeter:hello", "read", "{}")));
            assertEquals(text("data: must be an object"), error(send("greeter:hello", "read", null)));
        }

        @Test
        void validDataReachesTheHandler() {
            String valid = """
                    {"s":"text","n":1.5,"b":true,"a":[],"o":{},"e":"a@b.org","h":"example.com","d":"2024-02-29",
                     "u":"active","c":1,"nested":{"user":{"name":"Ann","address":{"street":"s","city":"c","zip":"z"}}}}""";
            assertEquals(json(valid), data(send("formats:all-types", "create", valid)));
        }

        @Test
        void aDoubleOutOfRangeIsToldInAFewWords() {
            String data = """
                    {"s":"text","n":1e400,"b":true,"a":[],"o":{},"e":"a@b.org","h":"example.com","d":"2024-02-29",
                     "u":"active","c":1,"nested":{"user":{"name":"Ann","address":{"street":"s","city":"c","zip":"z"}}}}""";
            assertEquals(text("n: must be a finite number within the range of double"),
                    error(send("formats:all-types", "create", data)));
        }

        @Test
        void constraintsOfTheDemoPluginsApply() {
            assertEquals(text("username: must not be blank"),
                    error(send("auth:session", "create", "{\"username\":\" \",\"password\":\"secret\"}")));
        }
    }

    // ----- handler failures -----

    @Nested
    class HandlerFailures {

        @Test
        void requestRejectedReachesTheClient() {
            assertEquals(json("[\"first reason\",\"second reason\"]"), error(send("acct:reject", "read", null)));
            assertEquals(text("rejected later"), error(send("acct:boom-later", "read", null)));
        }

        /** A stage's failure comes wrapped; what the client may see is found inside, however deep. */
        @Test
        void aRequestRejectedInsideAWrapperStillReachesTheClient() {
            assertEquals(text("rejected in a stage"), error(send("acct:reject-in-stage", "read", null)));
            assertEquals(text("rejected deep down"), error(send("acct:reject-wrapped", "read", null)));
        }

        @Test
        void aBugInsideAWrapperIsStillAnInternalError() {
            quietly(() -> assertEquals(text("internal error"), error(send("acct:fail-wrapped", "read", null))));
        }

        @Test
        void aHandlersMessagesAreBoundedToo() {
            assertEquals(text("x".repeat(512) + "…"), error(send("acct:reject-long", "read", null)));
            JsonValue many = error(send("acct:reject-many", "read", null));
            assertEquals(20, many.asJsonArray().size());
            assertEquals(text("reason 18"), many.asJsonArray().get(18));
            assertEquals(text("… and 11 more errors"), many.asJsonArray().get(19));
        }

        @Test
        void anyOtherExceptionIsAnInternalErrorWithoutDetails() {
            quietly(() -> assertEquals("{\"meta\":{\"id\":\"1\",\"endpoint\":\"acct:boom\",\"method\":\"read\","
                    + "\"status\":\"error\"},\"error\":\"internal error\"}", sendFrame(frame("1", "acct:boom", "read", null))));
        }
    }

    // ----- requirements -----

    @Nested
    class EndpointRequirements {

        @Test
        void unmetSettingRequirementsAreNamedAndTheHandlerIsNotCalled() {
            assertEquals(json("[\"requirement not met: acct.flag = true\",\"requirement not met: acct.count = 3.0\"]"),
                    error(send("acct:guarded", "read", null)));
            assertEquals(0, account.guardedCalls.get());

            data(send("acct:login", "update", null));
            assertEquals(text("in"), data(send("acct:guarded", "read", null)));
            assertEquals(1, account.guardedCalls.get());
        }

        /** acct.count = 3.0 compares numbers by value: every notation of three, and only three, meets it. */
        @Test
        void aNumericRequirementHoldsForEqualNumbersOnly() {
            for (String three : List.of("3", "3.0", "3.000", "3e0", "0.3e1")) {
                data(send("acct:count", "update", three));
                assertEquals(text("in"), data(send("acct:guarded", "read", null)), three);
            }
            for (String other : List.of("4", "2.999", "-3", "30", "0")) {
                data(send("acct:count", "update", other));
                assertEquals(text("requirement not met: acct.count = 3.0"), error(send("acct:guarded", "read", null)), other);
            }
            assertEquals(5, account.guardedCalls.get());
        }

        @Test
        void customCheckAnsweringAtOnce() {
            assertEquals(text("requirement not met: FlagCheck"), error(send("acct:checked", "read", null)));
            assertEquals(0, account.guardedCalls.get());
            data(send("acct:login", "update", null));
            assertEquals(text("in"), data(send("acct:checked", "read", null)));
        }

        @Test
        void customCheckAnsweringLaterOnAnotherThread() {
            assertEquals(text("requirement not met: LaterFlagCheck"), error(send("acct:checked-later", "read", null)));
            assertEquals(0, account.guardedCalls.get());
            data(send("acct:login", "update", null));
            assertEquals(text("in"), data(send("acct:checked-later", "read", null)));
        }

        @Test
        void failingThrowingOrWritingChecksCountAsUnmet() {
            assertEquals(json("[\"requirement not met: FailingCheck\",\"requirement not met: ThrowingCheck\","
                    + "\"requirement not met: WritingCheck\"]"), error(send("acct:check-fails", "read", null)));
            assertEquals(0, account.guardedCalls.get());
            assertEquals(Optional.empty(), setting("acct", "flag"));
        }

        @Test
        void demoAuthGuardsItsEndpoints() {
            assertEquals(text("requirement not met: auth.authenticated = true"), error(send("auth:profile", "read", null)));
            assertEquals(text("invalid username or password"),
                    error(send("auth:session", "create", "{\"username\":\"ann\",\"password\":\"guess\"}")));
            assertEquals(Optional.empty(), setting("auth", "authenticated"));

            assertEquals(json("{\"userId\":\"ann\"}"),
                    data(send("auth:session", "create", "{\"username\":\"ann\",\"password\":\"secret\"}")));
            assertEquals(json("{\"userId\":\"ann\"}"), data(send("auth:profile", "read", null)));
            assertEquals(text("requirement not met: auth.isAdmin = true"), error(send("auth:dashboard", "read", null)));

            data(send("auth:session", "delete", null));
            assertEquals(Optional.empty(), setting("auth", "userId"));
            assertEquals(Optional.of(JsonValue.FALSE), setting("auth", "authenticated"));
        }
    }

    // ----- settings -----

    @Nested
    class Settings {

        @Test
        void aReplyChangesSettingsWithTheResponse() {
            assertEquals(json("{\"ok\":true}"), data(send("acct:login", "update", null)));
            assertEquals(Optional.of(text("ann")), setting("acct", "name"));
            assertEquals(Optional.of(json("3")), setting("acct", "count"));
            assertEquals(Optional.of(JsonValue.TRUE), setting("acct", "flag"));
            assertEquals(Optional.of(json("[\"a\",\"b\"]")), setting("acct", "tags"));
            assertEquals(Optional.of(json("{\"k\":\"v\"}")), setting("acct", "meta"));
        }

        @Test
        void connectionSettingsSetStagesWritesThatTheHandlerReadsBack() {
            assertEquals(json("{\"staged\":\"bea\",\"count\":7}"), data(send("acct:name", "update", "\"bea\"")));
            assertEquals(Optional.of(text("bea")), setting("acct", "name"));
            assertEquals(Optional.of(json("7")), setting("acct", "count"));
        }

        @Test
        void aReplyWithAnUnknownOrWronglyTypedSettingChangesNothing() {
            data(send("acct:login", "update", null));
            Map<String, Map<String, JsonValue>> before = connection.settings().snapshot();

            assertEquals(json("[\"plugin 'acct' has no setting 'nope'\",\"setting acct.count must be a number\","
                    + "\"setting acct.tags must be an array\",\"setting acct.meta must be an object\"]"),
                    error(send("acct:bad-reply", "update", null)));
            assertEquals(before, connection.settings().snapshot());
            assertEquals(Optional.of(text("ann")), setting("acct", "name"));
        }

        @Test
        void settingAnUnknownKeyIsAnError() {
            assertEquals(text("plugin 'acct' has no setting 'nope'"), error(send("acct:unknown-setting", "update", null)));
        }

        @Test
        void aLongUnknownSettingKeyIsCutInTheError() {
            assertEquals(text("plugin 'acct' has no setting '" + "k".repeat(64) + "…'"),
                    error(send("acct:set-named", "update", "\"" + "k".repeat(1000) + "\"")));
        }

        @Test
        void stagedWritesOfAFailedHandlerAreDropped() {
            assertEquals(text("changed my mind"), error(send("acct:set-then-fail", "update", null)));
            assertEquals(Optional.empty(), setting("acct", "name"));
        }

        @Test
        void nullClearsASetting() {
            data(send("acct:login", "update", null));
            assertEquals(json("{}"), data(send("acct:login", "delete", null)));
            assertEquals(Optional.empty(), setting("acct", "name"));
            assertEquals(Optional.of(JsonValue.FALSE), setting("acct", "flag"));
            assertTrue(setting("acct", "tags").isPresent());
        }

        /** A handler's export shows its own staged writes: set, cleared, and a plugin left without any. */
        @Test
        void exportShowsTheWritesStagedByTheRequest() {
            assertEquals(json("{\"acct\":{\"name\":\"eve\"}}"), data(send("acct:export", "update", "[]")));

            Connection loggedIn = new Connection("c-2", sink);
            data(send(loggedIn, "acct:login", "update", null));
            assertEquals(json("{\"acct\":{\"name\":\"eve\",\"count\":3,\"flag\":true}}"),
                    data(send(loggedIn, "acct:export", "update", "[\"tags\",\"meta\"]")));

            Connection labelled = new Connection("c-3", sink);
            data(send(labelled, "yoctopus:label", "update", "\"phone\""));
            assertEquals(json("{\"yoctopus\":{\"label\":\"phone\"}}"),
                    data(send(labelled, "acct:export", "update", "[\"name\"]")),
                    "a plugin whose every setting is cleared is left out");
        }

        @Test
        void anAsynchronousReplyChangesSettingsToo() {
            assertEquals(json("[1,2]"), data(send("acct:slow-reply", "update", null)));
            assertEquals(Optional.of(text("async")), setting("acct", "name"));
        }
    }

    // ----- ordering -----

    @Test
    void theNextRequestOfAConnectionWaitsForAnAsynchronousHandler() throws Exception {
        enqueue(frame("1", "acct:slow", "read", null));
        enqueue(frame("2", "acct:fast", "read", null));
        sink.assertNothingSent(); // the slow handler has not completed
        assertEquals(0, account.fastCalls.get());

        Thread completer = new Thread(() -> account.slow.complete(Map.of("done", true)), "completer");
        completer.start();
        completer.join();
        connection.drained().get(WAIT_SECONDS, TimeUnit.SECONDS);

        JsonObject first = JSON.parse(next()).asJsonObject();
        JsonObject second = JSON.parse(next()).asJsonObject();
        assertEquals(text("1"), first.getJsonObject("meta").get("id"));
        assertEquals(json("{\"done\":true}"), data(first));
        assertEquals(text("2"), second.getJsonObject("meta").get("id"));
        assertEquals(text("fast"), data(second));
        assertEquals(1, account.fastCalls.get());
    }

    // ----- quotas -----

    @Nested
    class QuotaLimits {

        /** What acct:login leaves in an empty store, as JSON text. */
        static final String LOGGED_IN = "{\"acct\":{\"name\":\"ann\",\"count\":3,\"flag\":true,\"tags\":[\"a\",\"b\"],"
                + "\"meta\":{\"k\":\"v\"}}}";

        private Connection limited(int settingsChars, int pendingRequests, int pendingChars) {
            return new Connection("c-q", sink, null, new Quotas(1000, settingsChars, pendingRequests, pendingChars), new Metrics());
        }

        private String settingsFull(int limit) {
            return "quota exceeded: at most " + limit + " characters of settings per connection "
                    + "(yoctopus.quota.settings-chars)";
        }

        @Test
        void aReplyExactlyAtTheSettingsQuotaIsAppliedAndOneCharacterMoreIsRefusedWhole() {
            Connection exact = limited(LOGGED_IN.length(), 256, 1 << 20);
            assertEquals(json("{\"ok\":true}"), data(send(exact, "acct:login", "update", null)));
            assertEquals(LOGGED_IN.length(), exact.settings().length());

            Connection under = limited(LOGGED_IN.length() - 1, 256, 1 << 20);
            assertEquals(text(settingsFull(LOGGED_IN.length() - 1)), error(send(under, "acct:login", "update", null)));
            assertEquals(Map.of(), under.settings().snapshot(), "none of the request's settings is applied");
            assertEquals(json("{\"named\":true}"), data(send(under, "acct:greedy", "update", "\"ann\"")),
                    "the connection is served on");
        }

        @Test
        void aSetPastTheQuotaIsRefusedAtOnceAndTheRequestsOtherSettingsApply() {
            // {"acct":{"flag":true,"name":"…"}} is 32 characters around the name
            Connection exact = limited(40, 256, 1 << 20);
            assertEquals(json("{\"named\":true}"), data(send(exact, "acct:greedy", "update", "\"12345678\"")));
            assertEquals(40, exact.settings().length());

            Connection over = limited(40, 256, 1 << 20);
            assertEquals(json("{\"named\":false,\"refused\":[\"" + settingsFull(40) + "\"]}"),
                    data(send(over, "acct:greedy", "update", "\"123456789\"")));
            assertEquals(Map.of("acct", Map.of("flag", JsonValue.TRUE)), over.settings().snapshot());
        }

        @Test
        void pastThePendingCountARequestIsAnsweredAtOnceAndTheOthersInOrder() {
            Connection limited = limited(65_536, 3, 1 << 20);
            enqueue(limited, frame("1", "acct:slow", "read", null));
            enqueue(limited, frame("2", "acct:fast", "read", null));
            enqueue(limited, frame("3", "acct:fast", "read", null));
            sink.assertNothingSent(); // the slow handler has not completed
            assertEquals(3, limited.quotas().pendingRequests());

            enqueue(limited, frame("4", "acct:fast", "read", null));
            assertEquals("{\"meta\":{\"id\":\"4\",\"endpoint\":\"acct:fast\",\"method\":\"read\",\"status\":\"error\"},"
                    + "\"error\":\"quota exceeded: at most 3 pending requests per connection "
                    + "(yoctopus.quota.pending-requests)\"}", next());
            assertEquals(3, limited.quotas().pendingRequests(), "the refused request holds nothing");

            account.slow.complete(Map.of("done", true));
            for (String id : List.of("1", "2", "3")) {
                assertEquals(text(id), JSON.parse(next()).asJsonObject().getJsonObject("meta").get("id"));
            }
            assertEquals(2, account.fastCalls.get(), "the refused request never ran");
            assertEquals(0, limited.quotas().pendingRequests());
            assertEquals(0, limited.quotas().pendingChars());

            enqueue(limited, frame("5", "acct:fast", "read", null));
            assertEquals(text("fast"), data(JSON.parse(next()).asJsonObject()), "the places are free again");
            assertEquals(0, limited.quotas().pendingRequests(), "a synchronous request is done once enqueued");
        }

        @Test
        void pastThePendingCharactersARequestIsAnsweredAtOnce() {
            String slow = frame("1", "acct:slow", "read", null);
            String fast = frame("2", "acct:fast", "read", null);
            Connection limited = limited(65_536, 256, slow.length() + fast.length());
            enqueue(limited, slow);
            enqueue(limited, fast);
            assertEquals(slow.length() + fast.length(), limited.quotas().pendingChars(), "exactly at the quota");

            enqueue(limited, "{\"meta\":{\"id\":3,\"endpoint\":\"acct:fast\",\"method\":\"read\"}}");
            assertEquals("{\"meta\":{\"id\":3,\"endpoint\":\"acct:fast\",\"method\":\"read\",\"status\":\"error\"},"
                    + "\"error\":\"quota exceeded: at most " + (slow.length() + fast.length()) + " characters of pending "
                    + "requests per connection (yoctopus.quota.pending-chars)\"}", next());

            account.slow.complete(Map.of());
            assertEquals(text("1"), JSON.parse(next()).asJsonObject().getJsonObject("meta").get("id"));
            assertEquals(text("2"), JSON.parse(next()).asJsonObject().getJsonObject("meta").get("id"));
            assertEquals(0, limited.quotas().pendingChars());
        }

        @Test
        void aRefusedFrameIsAnsweredWithWhatCanBeReadOfItsMeta() {
            for (String unreadable : List.of("not json", "[1]", "{\"meta\":\"x\"}", "{\"data\":{}}")) {
                dispatcher.refuse(connection, unreadable, "full");
                assertEquals("{\"meta\":{\"status\":\"error\"},\"error\":\"full\"}", next(), unreadable);
            }
            dispatcher.refuse(connection, "{\"meta\":{\"id\":7,\"endpoint\":5}}", "full");
            assertEquals("{\"meta\":{\"id\":7,\"status\":\"error\"},\"error\":\"full\"}", next());
            dispatcher.refuseBinary(connection, "full");
            assertEquals("{\"meta\":{\"status\":\"error\"},\"error\":\"full\"}", next());
        }
    }

    // ----- the bundled plugins -----

    @Nested
    class CorePlugins {

        @Test
        void labelAcceptsAString() {
            assertEquals(json("{\"label\":\"Mobile App Connection\"}"),
                    data(send("yoctopus:label", "update", "\"Mobile App Connection\"")));
            assertEquals(Optional.of(text("Mobile App Connection")), setting("yoctopus", "label"));
        }

        @Test
        void aLabelPastTheSettingsQuotaIsRefusedAndChangesNothing() {
            // {"yoctopus":{"label":"…"}} is 25 characters around the label
            String fits = "x".repeat(65536 - 25);
            assertEquals(json("{\"label\":\"" + fits + "\"}"), data(send("yoctopus:label", "update", "\"" + fits + "\"")));
            assertEquals(text("quota exceeded: at most 65536 characters of settings per connection "
                    + "(yoctopus.quota.settings-chars)"), error(send("yoctopus:label", "update", "\"" + fits + "y\"")));
            assertEquals(Optional.of(text(fits)), setting("yoctopus", "label"));
        }

        @Test
        void labelRejectsAnythingElse() {
            assertEquals(text("data: must be a string"), error(send("yoctopus:label", "update", "42")));
            assertEquals(text("data: must be a string"), error(send("yoctopus:label", "update", "{\"label\":\"x\"}")));
            assertFalse(setting("yoctopus", "label").isPresent());
        }

        @Test
        void inspectExportsEveryPluginsSettings() {
            assertEquals(json("{}"), data(send("inspect:connection", "read", null)));
            data(send("yoctopus:label", "update", "\"phone\""));
            data(send("acct:login", "update", null));
            data(send("acct:login", "delete", null));
            assertEquals(json("{\"yoctopus\":{\"label\":\"phone\"},"
                            + "\"acct\":{\"count\":3,\"flag\":false,\"tags\":[\"a\",\"b\"],\"meta\":{\"k\":\"v\"}}}"),
                    data(send("inspect:connection", "read", null)));
        }
    }
}
