package io.yoctopus.runtime.adapters.mpmetrics;

import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.Annotated;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionPoint;
import java.lang.annotation.Annotation;
import java.lang.reflect.Member;
import java.lang.reflect.Type;
import java.util.Set;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The application's {@link MetricRegistry}, looked up as an injection point of it without {@code @RegistryScope}
 * would have it injected. Servers make the registry with a producer that reads the scope from the injection point
 * (Payara's fails with a NullPointerException when a programmatic lookup gives it none), so the lookup hands the bean
 * manager an injection point of its own, which is all an {@code @Inject MetricRegistry} field has to offer.
 */
final class RegistryLookup implements InjectionPoint, Annotated {

    static MetricRegistry applicationRegistry(BeanManager beans) {
        return (MetricRegistry) beans.getInjectableReference(new RegistryLookup(), beans.createCreationalContext(null));
    }

    @Override
    public Type getType() {
        return MetricRegistry.class;
    }

    @Override
    public Set<Annotation> getQualifiers() {
        return Set.of(Default.Literal.INSTANCE);
    }

    @Override
    public Bean<?> getBean() {
        return null;
    }

    @Override
    public Member getMember() {
        return null;
    }

    @Override
    public Annotated getAnnotated() {
        return this;
    }

    @Override
    public boolean isDelegate() {
        return false;
    }

    @Override
    public boolean isTransient() {
        return false;
    }

    @Override
    public Type getBaseType() {
        return MetricRegistry.class;
    }

    @Override
    public Set<Type> getTypeClosure() {
        return Set.of(MetricRegistry.class, Object.class);
    }

    @Override
    public <T extends Annotation> T getAnnotation(Class<T> annotationType) {
        return null;
    }

    @Override
    public <T extends Annotation> Set<T> getAnnotations(Class<T> annotationType) {
        return Set.of();
    }

    @Override
    public Set<Annotation> getAnnotations() {
        return Set.of();
    }

    @Override
    public boolean isAnnotationPresent(Class<? extends Annotation> annotationType) {
        return false;
    }
}
