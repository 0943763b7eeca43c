package io.yoctopus.runtime.connection;

import io.yoctopus.api.RequestRejected;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one connection uses of its {@link Quotas}, owned by its {@link Connection}. Whoever adds to a count
 * here gives it back when the thing counted is gone, so a released place can be used again. Thread-safe:
 * subscriptions come and go on any thread, pending requests end on whichever thread completes them.
 */
public final class ConnectionQuotas {

    private final Quotas limits;
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final AtomicInteger pendingRequests = new AtomicInteger();
    private final AtomicLong pendingChars = new AtomicLong();

    public ConnectionQuotas(Quotas limits) {
        this.limits = limits;
    }

    /**
     * Takes the place of one more subscription.
     *
     * @throws RequestRejected with the quota's error when every place is taken
     */
    public void takeSubscription() {
        if (subscriptions.incrementAndGet() > limits.subscriptions()) {
            subscriptions.decrementAndGet();
            throw new RequestRejected(limits.subscriptionsExceeded());
        }
    }

    /** Gives back the places of subscriptions that ended. */
    public void giveBackSubscriptions(int count) {
        subscriptions.addAndGet(-count);
    }

    /** Subscriptions held now. */
    public int subscriptions() {
        return subscriptions.get();
    }

    /**
     * Checks the size the settings store would have after a change.
     *
     * @param length the characters of the JSON text the whole store would serialize to
     * @throws RequestRejected with the quota's error when that is too much
     */
    public void checkSettingsLength(long length) {
        if (length > limits.settingsChars()) {
            throw new RequestRejected(limits.settingsExceeded());
        }
    }

    /**
     * Takes the places of one more pending request of {@code size} characters, unless that passes either
     * pending quota: then nothing is taken and the error of the quota passed is returned. Called for one
     * connection at a time (the container's thread reading its frames).
     */
    Optional<String> admitRequest(int size) {
        if (pendingRequests.incrementAndGet() > limits.pendingRequests()) {
            pendingRequests.decrementAndGet();
            return Optional.of(limits.pendingRequestsExceeded());
        }
        if (pendingChars.addAndGet(size) > limits.pendingChars()) {
            requestDone(size);
            return Optional.of(limits.pendingCharsExceeded());
        }
        return Optional.empty();
    }

    /** A request admitted with {@code size} characters has been answered. */
    void requestDone(int size) {
        pendingRequests.decrementAndGet();
        pendingChars.addAndGet(-size);
    }

    /** Requests received and not yet answered. */
    public int pendingRequests() {
        return pendingRequests.get();
    }

    /** Characters of their frames. */
    public long pendingChars() {
        return pendingChars.get();
    }
}
