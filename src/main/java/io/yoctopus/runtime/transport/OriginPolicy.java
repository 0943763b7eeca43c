package io.yoctopus.runtime.transport;

import io.yoctopus.api.AllowedOrigins;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Which origins may open connections. {@code *} allows any, also handshakes without an Origin header;
 * with a list, a handshake must name one of its origins (browsers always send the header; other clients
 * then have to send it too).
 */
@ApplicationScoped
public class OriginPolicy implements AllowedOrigins {

    /** The MicroProfile Config key, a comma-separated list. */
    public static final String KEY = "yoctopus.allowed-origins";

    private static final Logger LOG = Logger.getLogger(OriginPolicy.class.getName());

    private volatile Set<String> allowed = Set.of("*");

    @PostConstruct
    @Override
    public void reload() {
        String configured = ConfigProvider.getConfig().getOptionalValue(KEY, String.class).orElse("*");
        set(Arrays.asList(configured.split(",")));
    }

    @Override
    public Set<String> get() {
        return allowed;
    }

    @Override
    public void set(Collection<String> origins) {
        Set<String> previous = allowed;
        Set<String> next = origins.stream().map(String::trim).filter(origin -> !origin.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        allowed = next;
        LOG.info(() -> "allowed origins: " + sorted(next) + " (were " + sorted(previous) + ")");
    }

    private static List<String> sorted(Set<String> origins) {
        return origins.stream().sorted().toList();
    }

    /** Whether a handshake with this Origin header (null when absent) may proceed. */
    public boolean allows(String origin) {
        Set<String> current = allowed;
        return current.contains("*") || (origin != null && current.contains(origin));
    }
}
