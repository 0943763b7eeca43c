package io.yoctopus.runtime.adapters.tyrus;

import io.yoctopus.runtime.transport.ContainerAdapter;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.microprofile.config.Config;
import org.glassfish.tyrus.core.TyrusSession;

/**
 * Tyrus, the WebSocket implementation of Payara and GlassFish: its idle timers off the managed executor
 * ({@link TyrusTimers}), its read buffers bounded and released ({@link TyrusBuffers}), its buffer overflow
 * answered with 1009 ({@link TyrusOverflow}). Loaded by name, only where Tyrus's classes are visible (see
 * {@code io.yoctopus.runtime.transport.ContainerAdapters}).
 */
public final class TyrusAdapter implements ContainerAdapter {

    private final TyrusTimers timers;
    private final TyrusBuffers buffers;
    private final TyrusOverflow overflow;

    /**
     * @param executor the transport's plain timer executor
     * @param config read for {@value TyrusTimers#ENABLED}
     */
    public TyrusAdapter(ScheduledExecutorService executor, Config config) {
        Fields fields = new Fields();
        this.timers = new TyrusTimers(executor, config.getOptionalValue(TyrusTimers.ENABLED, Boolean.class).orElse(true));
        this.buffers = new TyrusBuffers(fields, executor);
        this.overflow = new TyrusOverflow(fields);
    }

    @Override
    public String name() {
        return "Tyrus" + (timers.active() ? " (timers on the plain scheduler)" : "");
    }

    @Override
    public void started(ServerContainer container, int maxFrameBytes) {
        buffers.bound(container, maxFrameBytes);
        overflow.install(maxFrameBytes);
    }

    @Override
    public void opened(Session session) {
        if (session instanceof TyrusSession tyrus) {
            timers.adopt(tyrus);
        }
    }

    @Override
    public Optional<CloseReason> replaceClose(Session session, CloseReason reason) {
        return overflow.replace(session, reason);
    }

    @Override
    public void closed(Session session) {
        buffers.release(session);
    }

    @Override
    public Map<String, Long> statistics() {
        return Map.of("tyrus.timersRun", timers.timersRun(), "tyrus.readBuffersReleased", buffers.released());
    }

    @Override
    public void stop() {
        overflow.uninstall();
    }
}
