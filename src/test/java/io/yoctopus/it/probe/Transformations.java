package io.yoctopus.it.probe;

import io.yoctopus.api.RequestRejected;
import io.yoctopus.api.events.RequestReceived;
import io.yoctopus.api.events.ResponsePrepared;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/** What the transforming observers do, each appending its own step; only for {@code probe:transform}. */
final class Transformations {

    static final String ENDPOINT = "probe:transform";

    private Transformations() {
    }

    static boolean concerns(RequestReceived event) {
        return ENDPOINT.equals(event.request().endpoint());
    }

    static boolean concerns(ResponsePrepared event) {
        return ENDPOINT.equals(event.request().endpoint());
    }

    /** Appends {@code step} to the data's {@code steps}, creating them when missing; "reject" rejects. */
    static void appendToData(RequestReceived event, String step) {
        JsonObject data = event.data() instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        JsonArrayBuilder steps = Recorder.JSON.createArrayBuilder();
        if (data.get("steps") instanceof JsonArray existing) {
            if (existing.contains(Recorder.JSON.createValue("reject"))) {
                throw new RequestRejected("rejected by the " + step + " observer");
            }
            existing.forEach(steps::add);
        }
        steps.add(step);
        event.replaceData(Recorder.JSON.createObjectBuilder(data).add("steps", steps).build());
    }

    /** Appends {@code step} to the response, a list of steps. */
    static void appendToResponse(ResponsePrepared event, String step) {
        List<Object> steps = new ArrayList<>((List<?>) event.response());
        steps.add(step);
        event.replaceResponse(steps);
    }
}
