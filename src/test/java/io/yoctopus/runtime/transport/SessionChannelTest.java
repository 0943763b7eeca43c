package io.yoctopus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yoctopus.runtime.connection.Outbox;
import io.yoctopus.runtime.testing.CapturedLog;
import io.yoctopus.runtime.testing.FakeSession;
import io.yoctopus.runtime.testing.ManualScheduler;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** A Jakarta WebSocket session as a connection's channel: what the logs call it. */
class SessionChannelTest {

    @Test
    void theWarningAboutAClientThatDoesNotReadNamesItsSession() {
        FakeSession session = new FakeSession("s-7");
        try (CapturedLog log = CapturedLog.of(Outbox.class, Level.WARNING)) {
            Outbox outbox = new Outbox(new SessionChannel(session), 1, 10_000, new ManualScheduler(), 5_000);
            outbox.send("a");   // in flight: the client has not read it
            outbox.send("b");
            assertEquals(List.of("closing connection s-7: the client does not read its messages (1 messages or "
                    + "10000 characters queued)"), log.records().stream().map(LogRecord::getMessage).toList());
        }
    }
}
