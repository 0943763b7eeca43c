package io.yoctopus.it.probe;

import io.yoctopus.api.events.RequestReceived;
import io.yoctopus.api.events.ResponsePrepared;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The second transformation of {@code probe:transform}: priority 200, after {@link EarlyTransformer}. */
@ApplicationScoped
public class LateTransformer {

    void received(@Observes @Priority(200) RequestReceived event) {
        if (Transformations.concerns(event)) {
            Transformations.appendToData(event, "received-200");
        }
    }

    void prepared(@Observes @Priority(200) ResponsePrepared event) {
        if (Transformations.concerns(event)) {
            Transformations.appendToResponse(event, "prepared-200");
        }
    }
}
