package io.yoctopus.plugins.changetracker;

import io.yoctopus.api.RequestRejected;

/**
 * Subscribing to a model that is not tracked (or not allowed). A {@link RequestRejected}: thrown in a
 * handler, it answers the request with its message.
 */
public class UntrackedModel extends RequestRejected {

    private static final long serialVersionUID = 1L;

    public UntrackedModel(String message) {
        super(message);
    }
}
