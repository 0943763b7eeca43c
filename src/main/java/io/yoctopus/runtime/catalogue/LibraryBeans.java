package io.yoctopus.runtime.catalogue;

import jakarta.decorator.Decorator;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Annotated;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedParameter;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.EventMetadata;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Makes beans of the classes of plugin jars the server gives the application as libraries, with the standard SPI
 * only. Added as annotated types, such classes would each land in a bean archive the container makes for them
 * (Payara, WildFly), from which none of the application's beans is visible: nothing could be injected into them but
 * beans of their own jar. So each becomes a {@link LibraryBean}, belonging to the application's own archive and
 * made by the application's {@code BeanManager}, and each of its observer methods is registered with the meta data
 * the method declares ({@link LibraryObserver}). Producers, disposers, interceptors and decorators of such jars are
 * refused, naming the member: they can be had from {@code WEB-INF/lib}.
 */
final class LibraryBeans {

    /** What a library jar cannot declare, and where it can. */
    static final String UNSUPPORTED = "a plugin jar given to the server as a library may declare beans and observer "
            + "methods, not producers, disposers, interceptors, decorators or interceptor bindings (put it in "
            + "WEB-INF/lib for those)";

    private final Class<?> archive;
    private final Supplier<BeanManager> application;

    /**
     * @param archive     a class of the application's own bean archive, which the beans are made to belong to
     * @param application the application's {@code BeanManager}, asked at run time
     */
    LibraryBeans(Class<?> archive, Supplier<BeanManager> application) {
        this.archive = archive;
        this.application = application;
    }

    /**
     * What keeps the class from being made this way, each naming the class or member; empty when nothing does.
     *
     * @param beans tells interceptor bindings
     */
    static List<String> unsupported(AnnotatedType<?> type, BeanManager beans) {
        List<String> problems = new ArrayList<>();
        String name = type.getJavaClass().getName();
        if (type.isAnnotationPresent(Interceptor.class) || type.isAnnotationPresent(Decorator.class)) {
            problems.add(name + " is " + (type.isAnnotationPresent(Interceptor.class) ? "an interceptor" : "a decorator")
                    + ": " + UNSUPPORTED);
        }
        if (hasInterceptorBinding(type, beans)) {
            problems.add(name + " has an interceptor binding: " + UNSUPPORTED);
        }
        type.getFields().stream().filter(field -> field.isAnnotationPresent(Produces.class))
                .forEach(field -> problems.add(name + "." + field.getJavaMember().getName() + " is a producer field: " + UNSUPPORTED));
        for (AnnotatedMethod<?> method : type.getMethods()) {
            String member = name + "." + method.getJavaMember().getName() + "()";
            if (method.isAnnotationPresent(Produces.class)) {
                problems.add(member + " is a producer method: " + UNSUPPORTED);
            }
            if (method.getParameters().stream().anyMatch(parameter -> parameter.isAnnotationPresent(Disposes.class))) {
                problems.add(member + " is a disposer method: " + UNSUPPORTED);
            }
            if (hasInterceptorBinding(method, beans)) {
                problems.add(member + " has an interceptor binding: " + UNSUPPORTED);
            }
        }
        return problems;
    }

    private static boolean hasInterceptorBinding(Annotated annotated, BeanManager beans) {
        return annotated.getAnnotations().stream().anyMatch(annotation -> beans.isInterceptorBinding(annotation.annotationType())
                || beans.isStereotype(annotation.annotationType())
                && beans.getStereotypeDefinition(annotation.annotationType()).stream()
                        .anyMatch(meta -> beans.isInterceptorBinding(meta.annotationType())));
    }

    /**
     * Registers the bean of {@code type} and its observer methods.
     *
     * @param deployment the {@code BeanManager} given to the extension: for meta data only
     */
    <T> LibraryBean<T> register(AfterBeanDiscovery event, AnnotatedType<T> type, BeanManager deployment) {
        LibraryInstances<T> instances = LibraryInstances.of(type, deployment);
        // the observer methods' injection points too: the container validates a bean's, not a synthetic observer's
        Set<InjectionPoint> points = new LinkedHashSet<>(instances.injectionPoints());
        List<Observer> observers = new ArrayList<>();
        for (AnnotatedMethod<? super T> method : type.getMethods()) {
            observedParameter(method).ifPresent(observed -> {
                List<InjectionPoint> parameters = new ArrayList<>();
                for (AnnotatedParameter<?> parameter : method.getParameters()) {
                    boolean supplied = parameter == observed || parameter.getBaseType().equals(EventMetadata.class);
                    parameters.add(supplied ? null : deployment.createInjectionPoint(parameter));
                }
                parameters.stream().filter(point -> point != null).forEach(points::add);
                observers.add(new Observer(method, observed, parameters));
            });
        }
        LibraryBean<T> bean = new LibraryBean<>(type.getJavaClass(), deployment.createBeanAttributes(type), instances,
                points, archive, application);
        event.addBean(bean);
        for (Observer observer : observers) {
            Reception reception = observer.observed().isAnnotationPresent(Observes.class)
                    ? observer.observed().getAnnotation(Observes.class).notifyObserver()
                    : observer.observed().getAnnotation(ObservesAsync.class).notifyObserver();
            event.addObserverMethod().read(observer.method()).beanClass(archive)
                    .notifyWith(new LibraryObserver<>(bean, observer.method(), observer.observed().getPosition(),
                            observer.parameters(), reception, application));
        }
        return bean;
    }

    private static Optional<AnnotatedParameter<?>> observedParameter(AnnotatedMethod<?> method) {
        for (AnnotatedParameter<?> parameter : method.getParameters()) {
            if (parameter.isAnnotationPresent(Observes.class) || parameter.isAnnotationPresent(ObservesAsync.class)) {
                return Optional.of(parameter);
            }
        }
        return Optional.empty();
    }

    private record Observer(AnnotatedMethod<?> method, AnnotatedParameter<?> observed, List<InjectionPoint> parameters) {
    }
}
