package io.yoctopus.runtime.json;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the application's one {@link JsonCodec}. */
@ApplicationScoped
public class JsonProducer {

    @Produces
    @Singleton
    JsonCodec codec() {
        return new JsonCodec();
    }

    void close(@Disposes JsonCodec codec) {
        codec.close();
    }
}
