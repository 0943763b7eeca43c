package io.yoctopus.runtime.catalogue;

import io.yoctopus.runtime.metrics.EndpointStats;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * One callable endpoint method: the handler bound to its plugin bean, ready to invoke without
 * reflection.
 *
 * @param address the endpoint as clients address it ({@code plugin:endpoint} or its alias)
 * @param invoker takes the handler's arguments as one {@code Object[]} and returns its result
 * @param checks the bean of every custom requirement, in the order of {@code handler().requirements()}
 * @param stats where the requests of this endpoint method are counted
 */
public record Route(String address, PluginModel plugin, HandlerModel handler, MethodHandle invoker, List<Object> checks,
        EndpointStats stats) {

    /** Calls the handler; exceptions it throws pass through unwrapped. */
    public Object invoke(Object[] arguments) throws Throwable {
        return (Object) invoker.invokeExact(arguments);
    }
}
