package io.yoctopus.runtime.operations;

import java.util.List;

/**
 * Where the server's metrics facility gets the framework's {@link Reading}s: implemented by an adapter loaded by name
 * only where its facility is present (MicroProfile Metrics: {@code io.yoctopus.runtime.adapters.mpmetrics}), so that
 * no bean names a type the server may lack.
 */
public interface MetricsExport {

    /** The facility, for the log. */
    String name();

    /** Registers the readings not registered yet (endpoints appear as plugins are installed). */
    void register(List<Reading> readings);

    /** Removes every reading registered, as the application stops. */
    void stop();
}
