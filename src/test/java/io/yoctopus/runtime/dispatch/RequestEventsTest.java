package io.yoctopus.runtime.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The events of a dispatcher without listeners: nothing is observed, so no request pays for an event. */
class RequestEventsTest {

    @Test
    void noneObservesNothing() {
        assertEquals(List.of(false, false, false), List.of(RequestEvents.NONE.observesReceived(),
                RequestEvents.NONE.observesPrepared(), RequestEvents.NONE.observesSent()));
    }
}
