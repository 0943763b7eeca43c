package io.yoctopus.api.events;

import jakarta.json.JsonObject;

/**
 * A plugin was installed or removed at run time.
 *
 * @param catalogue the new catalogue as {@link io.yoctopus.api.Plugins#catalogue()} renders it
 */
public record CatalogueChanged(JsonObject catalogue) {
}
