package io.yoctopus.it.extjar;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.RequirementCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A custom requirement that answers later, from another thread: the connection's label is {@code vip}. */
@ApplicationScoped
public class LabelIsVip implements RequirementCheck {

    @Override
    public CompletionStage<Boolean> test(ConnectionSettings settings, String connectionId) {
        boolean vip = "vip".equals(settings.get("yoctopus", "label", String.class).orElse(null));
        return CompletableFuture.supplyAsync(() -> vip,
                CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS, ExtPlugin.LATER));
    }
}
