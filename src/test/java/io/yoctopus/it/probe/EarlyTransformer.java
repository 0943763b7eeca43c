package io.yoctopus.it.probe;

import io.yoctopus.api.events.RequestReceived;
import io.yoctopus.api.events.ResponsePrepared;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The first transformation of {@code probe:transform}: priority 100, before {@link LateTransformer}. */
@ApplicationScoped
public class EarlyTransformer {

    void received(@Observes @Priority(100) RequestReceived event) {
        if (Transformations.concerns(event)) {
            Transformations.appendToData(event, "received-100");
        }
    }

    void prepared(@Observes @Priority(100) ResponsePrepared event) {
        if (Transformations.concerns(event)) {
            Transformations.appendToResponse(event, "prepared-100");
        }
    }
}
