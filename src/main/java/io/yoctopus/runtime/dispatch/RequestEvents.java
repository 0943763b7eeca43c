package io.yoctopus.runtime.dispatch;

import io.yoctopus.api.events.ConnectionChanged;
import io.yoctopus.api.events.RequestReceived;
import io.yoctopus.api.events.ResponsePrepared;
import io.yoctopus.api.events.ResponseSent;
import io.yoctopus.api.events.SettingChanged;
import io.yoctopus.api.events.YoctopusError;
import java.util.List;

/**
 * Where the dispatcher reports what happens to requests: CDI events in the application
 * ({@code CdiRequestEvents}). The {@code observes*} answers are fixed at deployment (CDI observer methods
 * cannot be added later; plugins installed at run time are not beans), so a request pays for no event that
 * nobody observes. The {@link Dispatcher} reads them once, when it is made: they must not change after.
 */
public interface RequestEvents {

    /** Reports nothing: for a dispatcher without listeners. */
    RequestEvents NONE = new RequestEvents() {
    };

    default boolean observesReceived() {
        return false;
    }

    /** Runs the observers, which may replace the data; may throw what an observer threw. */
    default void received(RequestReceived event) {
    }

    default boolean observesPrepared() {
        return false;
    }

    /** Runs the observers, which may replace the response; may throw what an observer threw. */
    default void prepared(ResponsePrepared event) {
    }

    default boolean observesSent() {
        return false;
    }

    default void sent(ResponseSent event) {
    }

    /** One event per changed setting, then one for the connection; observer failures are reported, not thrown. */
    default void changed(List<SettingChanged> changes, ConnectionChanged connection) {
    }

    /** Reports an unexpected failure, which has been logged already. */
    default void failed(YoctopusError error) {
    }
}
