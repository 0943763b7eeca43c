package io.yoctopus.runtime.catalogue;

import io.yoctopus.runtime.metrics.EndpointStats;
import io.yoctopus.api.NonBlocking;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One callable endpoint method: the handler bound to its plugin bean, ready to invoke without
 * reflection.
 *
 * @param address the endpoint as clients address it ({@code plugin:endpoint} or its alias)
 * @param invoker takes the handler's arguments as one {@code Object[]} and returns its result
 * @param checks the bean of every custom requirement, in the order of {@code handler().requirements()}
 * @param stats where the requests of this endpoint method are counted
 * @param blocking whether the handler may block its thread: unless it is {@link NonBlocking} or returns a
 *     {@link CompletionStage}; decided once here, read per request by transports whose threads must never block
 */
public record Route(String address, PluginModel plugin, HandlerModel handler, MethodHandle invoker, List<Object> checks,
        EndpointStats stats, boolean blocking) {

    public Route(String address, PluginModel plugin, HandlerModel handler, MethodHandle invoker, List<Object> checks,
            EndpointStats stats) {
        this(address, plugin, handler, invoker, checks, stats, blocking(handler));
    }

    /** Whether a handler may block: unless it says it does not, or returns a stage it completes elsewhere. */
    static boolean blocking(HandlerModel handler) {
        return !handler.javaMethod().isAnnotationPresent(NonBlocking.class)
                && !CompletionStage.class.isAssignableFrom(handler.javaMethod().getReturnType());
    }

    /** Calls the handler; exceptions it throws pass through unwrapped. */
    public Object invoke(Object[] arguments) throws Throwable {
        return (Object) invoker.invokeExact(arguments);
    }
}
