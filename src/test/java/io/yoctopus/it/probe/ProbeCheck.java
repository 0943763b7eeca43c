package io.yoctopus.it.probe;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.RequirementCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A custom requirement bean in the probe's library jar: met when the connection's label is
 * {@code checked}. A runtime installation re-analyses every plugin, this one's requirement included.
 */
@ApplicationScoped
public class ProbeCheck implements RequirementCheck {

    @Override
    public CompletionStage<Boolean> test(ConnectionSettings settings, String connectionId) {
        return CompletableFuture.completedFuture(
                "checked".equals(settings.get("yoctopus", "label", String.class).orElse(null)));
    }
}
