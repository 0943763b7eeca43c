package io.yoctopus.runtime.json;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/** Makes the application's one {@link JsonCodec}. */
@ApplicationScoped
public class JsonProducer {

    /** The MicroProfile Config key of the JSON nesting limit. */
    public static final String MAX_DEPTH = "yoctopus.max-json-depth";

    @Produces
    @Singleton
    JsonCodec codec() {
        return new JsonCodec(ConfigProvider.getConfig().getOptionalValue(MAX_DEPTH, Integer.class)
                .orElse(JsonCodec.DEFAULT_MAX_DEPTH));
    }

    void close(@Disposes JsonCodec codec) {
        codec.close();
    }
}
