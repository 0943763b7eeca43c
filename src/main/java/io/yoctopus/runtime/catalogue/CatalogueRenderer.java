package io.yoctopus.runtime.catalogue;

import io.yoctopus.runtime.json.JsonCodec;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a catalogue for clients: {@code {address: {method: {requestFormat, requirements}}}}, formats in
 * the wire notation, addresses and methods sorted. An endpoint without a format has no
 * {@code requestFormat}; one without requirements has no {@code requirements}.
 */
public final class CatalogueRenderer {

    private CatalogueRenderer() {
    }

    public static JsonObject render(Catalogue catalogue, JsonCodec json) {
        JsonObjectBuilder endpoints = json.objectBuilder();
        new TreeMap<>(catalogue.routes()).forEach((address, methods) -> endpoints.add(address, methods(methods, json)));
        return endpoints.build();
    }

    private static JsonObject methods(Map<String, Route> methods, JsonCodec json) {
        JsonObjectBuilder rendered = json.objectBuilder();
        new TreeMap<>(methods).forEach((method, route) -> {
            JsonObjectBuilder description = json.objectBuilder();
            HandlerModel handler = route.handler();
            if (handler.format() != null) {
                description.add("requestFormat", handler.format().render(json));
            }
            if (!handler.requirements().isEmpty()) {
                JsonArrayBuilder requirements = json.arrayBuilder();
                handler.requirements().forEach(requirement -> requirements.add(requirement.description()));
                description.add("requirements", requirements);
            }
            rendered.add(method, description);
        });
        return rendered.build();
    }
}
