package io.yoctopus.runtime.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.Reply;
import io.yoctopus.api.RequestRejected;
import io.yoctopus.api.Setting;
import io.yoctopus.api.events.ConnectionChanged;
import io.yoctopus.api.events.RequestReceived;
import io.yoctopus.api.events.ResponsePrepared;
import io.yoctopus.api.events.ResponseSent;
import io.yoctopus.api.events.SettingChanged;
import io.yoctopus.api.events.YoctopusError;
import io.yoctopus.demo.Demo;
import io.yoctopus.demo.auth.Auth;
import io.yoctopus.demo.greeter.Greeter;
import io.yoctopus.demo.inspect.Inspect;
import io.yoctopus.plugins.core.CorePlugin;
import io.yoctopus.runtime.catalogue.PluginRegistry;
import io.yoctopus.testing.RecordingSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request lifecycle as the application's observers see it: the dispatcher made by CDI under Weld SE,
 * reporting through the real {@code CdiRequestEvents} to an observer bean that records every event and
 * may transform: the order of the events, the replacement of data and response, and the setting-change
 * events.
 */
class DispatcherEventsTest extends DispatcherFixture {

    /** A plugin with a failing, a setting-writing and an asynchronous endpoint. */
    @Plugin("ev")
    @Setting(name = "note", type = String.class)
    @ApplicationScoped
    public static class Ev {
        private final AtomicInteger calls = new AtomicInteger();

        @Handles(endpoint = "note", method = "update")
        public Reply note(String note) {
            calls.incrementAndGet();
            return Reply.of(Map.of("note", note)).withSetting("note", note);
        }

        @Handles(endpoint = "note-later", method = "update")
        public CompletionStage<Reply> noteLater(String note) {
            return CompletableFuture.supplyAsync(() -> Reply.of(Map.of("later", note)).withSetting("note", note));
        }

        @Handles(endpoint = "boom", method = "read")
        public Map<String, Object> boom() {
            throw new IllegalStateException("boom");
        }

        int calls() {
            return calls.get();
        }
    }

    /**
     * Observes every event of the request lifecycle and records it as a line of text (and the events
     * themselves); a test may plug in what the received and prepared observers do.
     */
    @ApplicationScoped
    public static class Recorder {
        private final List<String> log = new CopyOnWriteArrayList<>();
        private final List<ResponseSent> sent = new CopyOnWriteArrayList<>();
        private final List<ConnectionChanged> changed = new CopyOnWriteArrayList<>();
        private final List<SettingChanged> settings = new CopyOnWriteArrayList<>();
        private final List<YoctopusError> failures = new CopyOnWriteArrayList<>();
        private RecordingSink queue;
        private Consumer<RequestReceived> onReceived = event -> {
        };
        private Consumer<ResponsePrepared> onPrepared = event -> {
        };

        /** {@code queue} is where the sent event's message must be found already. */
        void watch(RecordingSink queue) {
            this.queue = queue;
        }

        void onReceived(Consumer<RequestReceived> observer) {
            onReceived = observer;
        }

        void onPrepared(Consumer<ResponsePrepared> observer) {
            onPrepared = observer;
        }

        void received(@Observes RequestReceived event) {
            log.add("received " + event.request().endpoint() + " " + event.data());
            onReceived.accept(event);
        }

        void prepared(@Observes ResponsePrepared event) {
            log.add("prepared " + event.request().endpoint() + " " + event.response());
            onPrepared.accept(event);
        }

        void sent(@Observes ResponseSent event) {
            log.add("sent " + event.request().endpoint() + (event.ok() ? " ok" : " error")
                    + (queue.sent().contains(event.message()) ? "" : " BEFORE IT WAS QUEUED"));
            sent.add(event);
        }

        /** Without a qualifier: every setting's events, whatever its {@code @SettingOf}. */
        void setting(@Observes SettingChanged change) {
            log.add("setting " + change.plugin() + "." + change.setting() + " " + change.oldValue().orElse("-")
                    + " -> " + change.newValue().orElse("-"));
            settings.add(change);
        }

        void changed(@Observes ConnectionChanged connection) {
            log.add("changed " + connection.changes().size());
            changed.add(connection);
        }

        void failed(@Observes YoctopusError error) {
            log.add("failed " + error.kind());
            failures.add(error);
        }

        List<String> log() {
            return log;
        }

        List<ResponseSent> sentEvents() {
            return sent;
        }

        List<ConnectionChanged> changedEvents() {
            return changed;
        }

        List<SettingChanged> settingEvents() {
            return settings;
        }

        List<YoctopusError> failures() {
            return failures;
        }
    }

    private WeldContainer container;
    private Recorder events;
    private Ev ev;

    @BeforeEach
    void boot() {
        System.setProperty(Demo.ENABLED, "true");
        container = boot(CorePlugin.class, Greeter.class, Auth.class, Inspect.class, Ev.class, Recorder.class);
        dispatcher = container.select(Dispatcher.class).get();
        events = container.select(Recorder.class).get();
        events.watch(sink);
        ev = container.select(Ev.class).get();
    }

    @AfterEach
    void shutDown() {
        container.close();
        System.clearProperty(Demo.ENABLED);
    }

    /** Handles one request with the id "1" to completion and returns the one message it produced. */
    private String message(String endpoint, String method, String data) {
        return sendFrame(frame("1", endpoint, method, data));
    }

    // ----- request received -----

    @Test
    void aReceivedObserverReplacesTheDataBeforeValidation() {
        events.onReceived(event -> {
            assertEquals(json("{}"), event.request().data(), "the request as the client sent it");
            event.replaceData(json("{\"name\":\"Bob\"}"));
        });
        String message = message("greeter:hello", "read", "{}");
        assertEquals(json("{\"message\":\"Hello, Bob!\"}"), data(JSON.parse(message).asJsonObject()), "{} alone would fail validation");
        assertEquals(List.of("received greeter:hello {}", "prepared greeter:hello {message=Hello, Bob!}",
                "sent greeter:hello ok"), events.log());
        assertEquals(json("{\"name\":\"Bob\"}"), events.sentEvents().get(0).request().data(),
                "the sent event shows the data the handler received");
        assertEquals(message, events.sentEvents().get(0).message());
    }

    @Test
    void replacedDataIsValidatedLikeTheClients() {
        events.onReceived(event -> event.replaceData(json("{\"name\":7}")));
        assertEquals(JSON.string("name: must be a string"), error(send("greeter:hello", "read", "{\"name\":\"Ann\"}")));
        assertEquals(List.of("received greeter:hello {\"name\":\"Ann\"}", "sent greeter:hello error"), events.log());

        events.onReceived(event -> event.replaceData(null));
        assertEquals(JSON.string("data: must be a string"), error(send("yoctopus:label", "update", "\"x\"")));
        assertEquals(Optional.empty(), connection.settings().get("yoctopus", "label"));
    }

    @Test
    void aReceivedObserverRejectsARequestBeforeItsHandlerRuns() {
        events.onReceived(event -> {
            throw new RequestRejected("not today");
        });
        assertEquals(JSON.string("not today"), error(send("ev:note", "update", "\"x\"")));
        assertEquals(0, ev.calls());
        assertEquals(List.of("received ev:note \"x\"", "sent ev:note error"), events.log());
        assertEquals(Optional.empty(), connection.settings().get("ev", "note"));
    }

    // ----- response prepared -----

    @Test
    void aPreparedObserverReplacesTheResponseAndSeesTheRequestsSettingsBeforeTheyApply() {
        List<String> seen = new ArrayList<>();
        events.onPrepared(event -> {
            seen.add(event.settings().get("auth", "userId", String.class).orElse("none"));
            seen.add(event.settings().get("auth", "isAdmin").map(Object::toString).orElse("none"));
            seen.add(event.settings().export().toString());
            seen.add(connection.settings().get("auth", "userId").map(Object::toString).orElse("not applied yet"));
            assertThrows(UnsupportedOperationException.class, () -> event.settings().set("userId", "eve"));
            event.replaceResponse(Map.of("wrapped", event.response()));
        });
        String message = message("auth:session", "create", "{\"username\":\"bob\",\"password\":\"secret\"}");
        assertEquals(json("{\"wrapped\":{\"userId\":\"bob\"}}"), data(JSON.parse(message).asJsonObject()));
        assertEquals(List.of("bob", "false", "{auth={authenticated=true, userId=bob, isAdmin=false}}", "not applied yet"),
                seen, "the staged settings, read and exported, before they apply");
        assertEquals(List.of(
                "received auth:session {\"username\":\"bob\",\"password\":\"secret\"}",
                "prepared auth:session {userId=bob}",
                "setting auth.authenticated - -> true",
                "setting auth.userId - -> bob",
                "setting auth.isAdmin - -> false",
                "changed 3",
                "sent auth:session ok"), events.log());
    }

    @Test
    void aNullReplacementIsSentAsAnEmptyObject() {
        events.onPrepared(event -> event.replaceResponse(null));
        assertEquals(json("{}"), data(send("greeter:hello", "read", "{\"name\":\"Ann\"}")));
    }

    @Test
    void aFailingPreparedObserverAnswersAnErrorAndNoSettingChanges() {
        events.onPrepared(event -> {
            throw new RequestRejected("no response for you");
        });
        assertEquals(JSON.string("no response for you"), error(send("ev:note", "update", "\"x\"")));
        assertEquals(List.of("received ev:note \"x\"", "prepared ev:note {note=x}", "sent ev:note error"), events.log());
        assertEquals(Optional.empty(), connection.settings().get("ev", "note"));

        events.log().clear();
        events.onPrepared(event -> {
            throw new IllegalStateException("observer bug");
        });
        quietly(() -> assertEquals(JSON.string("internal error"), error(send("ev:note", "update", "\"y\""))));
        assertEquals(List.of("received ev:note \"y\"", "prepared ev:note {note=y}", "failed ENDPOINT", "sent ev:note error"),
                events.log());
        assertEquals(Optional.empty(), connection.settings().get("ev", "note"));
        assertEquals("observer bug", events.failures().get(0).cause().getMessage());
        assertEquals(Optional.of("c-1"), events.failures().get(0).connectionId());
    }

    // ----- response sent -----

    @Test
    void sentFiresOnceForEveryAnswerOkOrError() {
        List<String> messages = new ArrayList<>();
        messages.add(message("greeter:hello", "read", "{\"name\":\"Ann\"}"));
        messages.add(message("greeter:hello", "read", "{}"));
        messages.add(message("nope:x", "read", "{}"));
        messages.add(message("greeter:hello", "zap", "{}"));
        messages.add(message("auth:profile", "read", "{}"));
        quietly(() -> messages.add(message("ev:boom", "read", "{}")));

        assertEquals(List.of(
                "received greeter:hello {\"name\":\"Ann\"}", "prepared greeter:hello {message=Hello, Ann!}",
                "sent greeter:hello ok",
                "received greeter:hello {}", "sent greeter:hello error",
                "sent nope:x error",
                "sent greeter:hello error",
                "received auth:profile {}", "sent auth:profile error",
                "received ev:boom {}", "failed ENDPOINT", "sent ev:boom error"), events.log());
        assertEquals(messages, events.sentEvents().stream().map(ResponseSent::message).toList(), "each event carries the message as sent");
        assertEquals(List.of(true, false, false, false, false, false), events.sentEvents().stream().map(ResponseSent::ok).toList());
        assertTrue(events.sentEvents().stream().allMatch(sent -> sent.connectionId().equals("c-1")));
        assertEquals(YoctopusError.Kind.ENDPOINT, events.failures().get(0).kind());
        assertInstanceOf(IllegalStateException.class, events.failures().get(0).cause());
    }

    @Test
    void theSentEventOfAnAnswerWithoutAHandlerShowsTheConnectionsSettings() {
        data(send("yoctopus:label", "update", "\"kitchen\""));
        error(send("nope:x", "read", "{}"));
        error(send("yoctopus:label", "zap", "{}"));
        for (ResponseSent sent : events.sentEvents().subList(1, 3)) {
            assertEquals(Map.of("yoctopus", Map.of("label", "kitchen")), sent.settings().export());
            assertEquals(Optional.of("kitchen"), sent.settings().get("yoctopus", "label"));
        }
    }

    // ----- what is observed -----

    /** The events are a CDI bean behind a client proxy: asking per request would cost three proxy calls. */
    @Test
    void whatIsObservedIsAskedOnceWhenTheDispatcherIsMadeNotPerRequest() {
        AtomicInteger asked = new AtomicInteger();
        RequestEvents preparedOnly = new RequestEvents() {
            @Override
            public boolean observesReceived() {
                asked.incrementAndGet();
                return false;
            }

            @Override
            public void received(RequestReceived event) {
                throw new AssertionError("not observed, so never fired");
            }

            @Override
            public boolean observesPrepared() {
                asked.incrementAndGet();
                return true;
            }

            @Override
            public void prepared(ResponsePrepared event) {
                event.replaceResponse(Map.of("prepared", event.response()));
            }

            @Override
            public boolean observesSent() {
                asked.incrementAndGet();
                return false;
            }

            @Override
            public void sent(ResponseSent event) {
                throw new AssertionError("not observed, so never fired");
            }
        };
        dispatcher = new Dispatcher(container.select(PluginRegistry.class).get().liveRoutes(), JSON, VALIDATOR, preparedOnly,
                (filter, type, data) -> 0);
        assertEquals(3, asked.get());

        for (String name : List.of("Ann", "Bob", "Cy")) {
            assertEquals(json("{\"prepared\":{\"message\":\"Hello, " + name + "!\"}}"),
                    data(send("greeter:hello", "read", "{\"name\":\"" + name + "\"}")));
        }
        assertEquals(JSON.string("unknown endpoint 'nope:x'"), error(send("nope:x", "read", "{}")),
                "an answer without a handler does not fire the unobserved sent event either");
        assertEquals(3, asked.get(), "asked once, not per request");
    }

    @Test
    void malformedFramesAreNoRequestsAndFireNothing() {
        dispatcher.handle(connection, "{\"meta\":").join();
        dispatcher.handle(connection, "[1]").join();
        assertEquals(2, sink.sent().size());
        assertEquals(List.of(), events.log());
    }

    // ----- settings changed, connection changed -----

    @Test
    void settingEventsCarryOldAndNewValuesAndConnectionChangedFiresOncePerChangingRequest() {
        data(send("auth:session", "create", "{\"username\":\"bob\",\"password\":\"secret\"}"));
        data(send("auth:session", "create", "{\"username\":\"bob\",\"password\":\"secret\"}")); // changes nothing
        data(send("greeter:hello", "read", "{\"name\":\"Ann\"}"));
        data(send("auth:session", "create", "{\"username\":\"admin\",\"password\":\"secret\"}"));
        error(send("auth:session", "create", "{\"username\":\"eve\",\"password\":\"wrong\"}"));
        data(send("auth:session", "delete", "{}"));

        assertEquals(List.of(
                "setting auth.authenticated - -> true", "setting auth.userId - -> bob", "setting auth.isAdmin - -> false",
                "changed 3",
                "setting auth.userId bob -> admin", "setting auth.isAdmin false -> true",
                "changed 2",
                "setting auth.authenticated true -> false", "setting auth.userId admin -> -", "setting auth.isAdmin true -> -",
                "changed 3"),
                events.log().stream().filter(line -> line.startsWith("setting") || line.startsWith("changed")).toList());

        assertEquals(new SettingChanged("c-1", "auth", "userId", Optional.of("bob"), Optional.of("admin")),
                events.settingEvents().get(3));
        assertEquals(new SettingChanged("c-1", "auth", "isAdmin", Optional.of(true), Optional.empty()),
                events.settingEvents().get(7));

        ConnectionChanged second = events.changedEvents().get(1);
        assertEquals("c-1", second.connectionId());
        assertEquals(events.settingEvents().subList(3, 5), second.changes());
        ConnectionChanged last = events.changedEvents().get(2);
        assertEquals(Map.of("authenticated", false), last.settings().export().get("auth"),
                "the settings after every change of the request");
        last.notifier().notify("bye", Map.of());
        assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"bye\"},\"data\":{}}", next());
    }

    @Test
    void changesComeAfterPreparedAndBeforeSentAlsoForAnAsynchronousHandler() {
        assertEquals(json("{\"later\":\"n1\"}"), data(send("ev:note-later", "update", "\"n1\"")));
        assertEquals(List.of("received ev:note-later \"n1\"", "prepared ev:note-later {later=n1}",
                "setting ev.note - -> n1", "changed 1", "sent ev:note-later ok"), events.log());
        assertEquals(Optional.of(JSON.string("n1")), connection.settings().get("ev", "note"));
    }

    @Test
    void aRequestThatFailsChangesNothingAndFiresNoChange() {
        events.onReceived(event -> {
            if (event.request().endpoint().equals("ev:note")) {
                event.replaceData(json("42"));
            }
        });
        error(send("ev:note", "update", "\"x\""));
        assertFalse(events.log().stream().anyMatch(line -> line.startsWith("changed")), events.log()::toString);
    }
}
