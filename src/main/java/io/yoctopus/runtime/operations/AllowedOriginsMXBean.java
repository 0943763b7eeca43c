package io.yoctopus.runtime.operations;

import java.util.List;

/**
 * The origins allowed to open connections, for operators: {@code io.yoctopus:type=AllowedOrigins,context=...}. A
 * change applies to the next handshake (open connections stay) and is logged with the origins before and after;
 * {@code *} allows any origin. It lasts until the application restarts or {@link #reload()}.
 */
public interface AllowedOriginsMXBean {

    /** The allowed origins, sorted. */
    List<String> getAllowedOrigins();

    void setAllowedOrigins(List<String> origins);

    /** Reads {@code yoctopus.allowed-origins} from the configuration again. */
    void reload();
}
