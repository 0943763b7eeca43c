package io.yoctopus.runtime.catalogue;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.Context;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.event.ObserverException;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.EventContext;
import jakarta.enterprise.inject.spi.EventMetadata;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.configurator.ObserverMethodConfigurator;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Supplier;

/**
 * Delivers an event to an observer method of a class from a plugin jar given to the server as a library
 * ({@link LibraryBeans}), as the container would to a bean's: on the bean's contextual instance (none is made for
 * {@link Reception#IF_EXISTS}), the event as the observed parameter, the event's metadata to an
 * {@link EventMetadata} parameter, every other parameter injected, and its dependent objects destroyed afterwards.
 */
final class LibraryObserver<T> implements ObserverMethodConfigurator.EventConsumer<Object> {

    private final LibraryBean<T> bean;
    private final Method method;
    private final int observed;
    /** An injection point for each parameter; null where the container supplies the event or its metadata. */
    private final List<InjectionPoint> parameters;
    private final Reception reception;
    private final Supplier<BeanManager> application;

    /**
     * @param observed   the index of the observed parameter
     * @param parameters the injection point of each parameter, null for the observed one and event metadata
     */
    LibraryObserver(LibraryBean<T> bean, AnnotatedMethod<?> method, int observed, List<InjectionPoint> parameters,
            Reception reception, Supplier<BeanManager> application) {
        this.bean = bean;
        this.method = method.getJavaMember();
        this.method.setAccessible(true);
        this.observed = observed;
        this.parameters = parameters;
        this.reception = reception;
        this.application = application;
    }

    @Override
    public void accept(EventContext<Object> event) throws Exception {
        BeanManager beans = application.get();
        Context context = beans.getContext(bean.getScope());
        CreationalContext<T> beanContext = beans.createCreationalContext(bean);
        T instance = reception == Reception.IF_EXISTS ? context.get(bean) : context.get(bean, beanContext);
        if (instance == null) {
            return;
        }
        CreationalContext<?> arguments = beans.createCreationalContext(null);
        try {
            method.invoke(instance, arguments(event, beans, arguments));
        } catch (InvocationTargetException e) {
            // as the method threw it: the container wraps it in an ObserverException, as it does for a bean's
            throw e.getCause() instanceof Exception failure ? failure : new ObserverException(e.getCause());
        } finally {
            arguments.release();
            if (bean.getScope() == Dependent.class) {
                bean.destroy(instance, beanContext);
            }
        }
    }

    private Object[] arguments(EventContext<Object> event, BeanManager beans, CreationalContext<?> context) {
        Object[] arguments = new Object[parameters.size()];
        for (int i = 0; i < arguments.length; i++) {
            InjectionPoint point = parameters.get(i);
            if (i == observed) {
                arguments[i] = event.getEvent();
            } else if (point == null) {
                arguments[i] = event.getMetadata();
            } else {
                arguments[i] = beans.getInjectableReference(point, context);
            }
        }
        return arguments;
    }
}
