package io.yoctopus.plugins.changetracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in subscription endpoints' answers to models that are not open to subscriptions. */
class SubscriptionEndpointsTest {

    private static final JsonProvider JSON = JsonProvider.provider();

    /** No {@code yoctopus.changetracker.endpoints.models} is configured here: no model is open. */
    private final SubscriptionEndpoints endpoints = new SubscriptionEndpoints();

    private List<String> refusal(String model) {
        endpoints.init();
        String data = JSON.createObjectBuilder().add("model", model).build().toString();
        return assertThrows(UntrackedModel.class,
                () -> endpoints.subscribe(JSON.createReader(new StringReader(data)).readValue(), "c0")).errors();
    }

    @Test
    void aModelThatIsNotOpenIsNamed() {
        assertEquals(List.of("model 'Post' is not open to subscriptions"), refusal("Post"));
    }

    @Test
    void aLongModelNameIsCut() {
        assertEquals(List.of("model '" + "P".repeat(64) + "…' is not open to subscriptions"), refusal("P".repeat(5000)));
    }
}
