package io.yoctopus.runtime.catalogue;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanAttributes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.PassivationCapable;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The bean of a class from a plugin jar the server gives the application as a library ({@link LibraryBeans}): the
 * class's own bean attributes, its instances made, injected and destroyed by {@link LibraryInstances} with the
 * application's {@code BeanManager}, and belonging to the application's bean archive ({@link #getBeanClass()}), so
 * that the container validates its injection points where the application's beans are visible.
 */
final class LibraryBean<T> implements Bean<T>, PassivationCapable {

    private final Class<T> type;
    private final BeanAttributes<T> attributes;
    private final LibraryInstances<T> instances;
    private final Set<InjectionPoint> injectionPoints;
    private final Class<?> archive;
    private final Supplier<BeanManager> application;

    /**
     * @param injectionPoints what the container validates at deployment: the instances' and more
     * @param archive         a class of the application's own bean archive
     * @param application     the application's {@code BeanManager}, asked when an instance is made
     */
    LibraryBean(Class<T> type, BeanAttributes<T> attributes, LibraryInstances<T> instances,
            Set<InjectionPoint> injectionPoints, Class<?> archive, Supplier<BeanManager> application) {
        this.type = type;
        this.attributes = attributes;
        this.instances = instances;
        this.injectionPoints = Set.copyOf(injectionPoints);
        this.archive = archive;
        this.application = application;
    }

    /** The class whose instances this bean makes. */
    Class<T> type() {
        return type;
    }

    @Override
    public T create(CreationalContext<T> context) {
        return instances.create(application.get(), context);
    }

    @Override
    public void destroy(T instance, CreationalContext<T> context) {
        try {
            instances.destroy(instance);
        } finally {
            context.release();
        }
    }

    @Override
    public Class<?> getBeanClass() {
        return archive;
    }

    @Override
    public Set<InjectionPoint> getInjectionPoints() {
        return injectionPoints;
    }

    @Override
    public Set<Type> getTypes() {
        return attributes.getTypes();
    }

    @Override
    public Set<Annotation> getQualifiers() {
        return attributes.getQualifiers();
    }

    @Override
    public Class<? extends Annotation> getScope() {
        return attributes.getScope();
    }

    @Override
    public String getName() {
        return attributes.getName();
    }

    @Override
    public Set<Class<? extends Annotation>> getStereotypes() {
        return attributes.getStereotypes();
    }

    @Override
    public boolean isAlternative() {
        return attributes.isAlternative();
    }

    @Override
    public String getId() {
        return LibraryBean.class.getName() + ":" + type.getName();
    }

    @Override
    public String toString() {
        return "Yoctopus library bean of " + type.getName();
    }
}
