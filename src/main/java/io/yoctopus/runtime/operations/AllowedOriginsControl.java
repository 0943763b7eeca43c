package io.yoctopus.runtime.operations;

import io.yoctopus.api.AllowedOrigins;
import java.util.List;

/** The allowed origins for operators, over JMX ({@link AllowedOriginsMXBean}); the policy logs each change. */
final class AllowedOriginsControl implements AllowedOriginsMXBean {

    private final AllowedOrigins origins;

    AllowedOriginsControl(AllowedOrigins origins) {
        this.origins = origins;
    }

    @Override
    public List<String> getAllowedOrigins() {
        return origins.get().stream().sorted().toList();
    }

    @Override
    public void setAllowedOrigins(List<String> allowed) {
        origins.set(allowed == null ? List.of() : allowed);
    }

    @Override
    public void reload() {
        origins.reload();
    }
}
