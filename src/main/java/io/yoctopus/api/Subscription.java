package io.yoctopus.api;

/** Ends a subscription or registration when closed; closing twice does nothing. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
