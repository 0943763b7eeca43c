package io.yoctopus.plugins.changetracker;

import io.yoctopus.api.ConnectionId;
import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.RequestRejected;
import io.yoctopus.runtime.json.ErrorText;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The built-in subscription endpoints, off unless a deployer switches them on for a list of models:
 *
 * <pre>
 * yoctopus.changetracker.endpoints.enabled=true
 * yoctopus.changetracker.endpoints.models=Post,Comment
 * </pre>
 *
 * {@code changes:subscription} {@code create} {@code {model, instanceId?}} subscribes the connection to a
 * model (or to one row: {@code instanceId} a number or a string) and answers
 * {@code {"subscribed": model, "instanceId": ...}}; {@code delete} with the same data unsubscribes. A model
 * that is not in the list, or not tracked, is an error.
 */
@Plugin(value = "changes", enabledBy = SubscriptionEndpoints.ENABLED)
public class SubscriptionEndpoints {

    /** MicroProfile Config: switches the endpoints on (default {@code false}). */
    public static final String ENABLED = "yoctopus.changetracker.endpoints.enabled";

    /** MicroProfile Config: the models clients may subscribe to, comma-separated (default: none). */
    public static final String MODELS = "yoctopus.changetracker.endpoints.models";

    @Inject
    ChangeTracker changeTracker;

    private Set<String> allowed;

    @PostConstruct
    void init() {
        allowed = Set.copyOf(ConfigProvider.getConfig().getOptionalValue(MODELS, String.class)
                .map(TrackedModels::list).orElse(List.of()));
    }

    @Handles(endpoint = "subscription", method = "create")
    public Map<String, Object> subscribe(JsonValue data, @ConnectionId String connectionId) {
        Target target = target(data);
        if (target.instanceId() == null) {
            changeTracker.addSubscription(target.model(), connectionId);
        } else {
            changeTracker.addSubscription(target.model(), connectionId, target.instanceId());
        }
        return answer("subscribed", target);
    }

    @Handles(endpoint = "subscription", method = "delete")
    public Map<String, Object> unsubscribe(JsonValue data, @ConnectionId String connectionId) {
        Target target = target(data);
        if (target.instanceId() == null) {
            changeTracker.removeSubscription(target.model(), connectionId);
        } else {
            changeTracker.removeSubscription(target.model(), connectionId, target.instanceId());
        }
        return answer("unsubscribed", target);
    }

    private record Target(String model, Object instanceId) {
    }

    /** {@code {model: string, instanceId?: number | string}}, checked by hand: the id may be either. */
    private Target target(JsonValue data) {
        if (!(data instanceof JsonObject object)) {
            throw new RequestRejected("data must be an object {model, instanceId?}");
        }
        List<String> problems = new ArrayList<>();
        JsonValue model = object.get("model");
        if (model == null || model.getValueType() == JsonValue.ValueType.NULL) {
            problems.add("model: is required");
        } else if (model.getValueType() != JsonValue.ValueType.STRING) {
            problems.add("model: must be a string");
        }
        JsonValue instance = object.get("instanceId");
        Object instanceId = null;
        if (instance != null && instance.getValueType() != JsonValue.ValueType.NULL) {
            if (instance.getValueType() == JsonValue.ValueType.STRING
                    || instance.getValueType() == JsonValue.ValueType.NUMBER) {
                instanceId = instance;
            } else {
                problems.add("instanceId: must be a number or a string");
            }
        }
        if (!problems.isEmpty()) {
            throw new RequestRejected(problems);
        }
        String name = object.getString("model");
        if (!allowed.contains(name)) {
            throw new UntrackedModel("model '" + ErrorText.echo(name) + "' is not open to subscriptions");
        }
        return new Target(name, instanceId);
    }

    private static Map<String, Object> answer(String key, Target target) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(key, target.model());
        if (target.instanceId() != null) {
            answer.put("instanceId", target.instanceId());
        }
        return answer;
    }
}
