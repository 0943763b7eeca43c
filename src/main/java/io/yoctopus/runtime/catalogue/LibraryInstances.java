package io.yoctopus.runtime.catalogue;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.CreationException;
import jakarta.enterprise.inject.spi.AnnotatedCallable;
import jakarta.enterprise.inject.spi.AnnotatedConstructor;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes, injects and destroys the instances of a class from a library jar ({@link LibraryBeans}) as CDI makes those
 * of a managed bean: through the {@code @Inject} constructor (else the one without parameters), then, class by class
 * from the topmost superclass down, the {@code @Inject} fields and the {@code @Inject} methods, then the
 * {@code @PostConstruct} methods; the {@code @PreDestroy} methods before it is dropped. Every reference comes from
 * the {@code BeanManager} given at run time, which resolves it where the application's beans are seen: a container's
 * own injection target is validated, on Open Liberty, against another bean archive than its manager's.
 */
final class LibraryInstances<T> {

    private final Constructor<T> constructor;
    private final List<InjectionPoint> constructorParameters;
    /** The fields and initializer methods, in the order they are injected. */
    private final List<Injection> injections;
    private final List<Method> postConstruct;
    private final List<Method> preDestroy;

    private LibraryInstances(Constructor<T> constructor, List<InjectionPoint> constructorParameters,
            List<Injection> injections, List<Method> postConstruct, List<Method> preDestroy) {
        this.constructor = constructor;
        this.constructorParameters = constructorParameters;
        this.injections = injections;
        this.postConstruct = postConstruct;
        this.preDestroy = preDestroy;
    }

    /**
     * Reads the class's injection points and callbacks; the class meets CDI's conditions for a managed bean
     * ({@link NotABean#violation}).
     *
     * @param deployment makes the injection points (meta data only)
     */
    static <T> LibraryInstances<T> of(AnnotatedType<T> type, BeanManager deployment) {
        AnnotatedConstructor<T> chosen = type.getConstructors().stream()
                .filter(candidate -> candidate.isAnnotationPresent(Inject.class)).findFirst()
                .orElseGet(() -> type.getConstructors().stream()
                        .filter(candidate -> candidate.getParameters().isEmpty()).findFirst().orElseThrow());
        List<Injection> injections = new ArrayList<>();
        type.getFields().stream().filter(field -> field.isAnnotationPresent(Inject.class))
                .forEach(field -> injections.add(new Injection(field.getJavaMember(), List.of(deployment.createInjectionPoint(field)))));
        type.getMethods().stream().filter(method -> method.isAnnotationPresent(Inject.class))
                .forEach(method -> injections.add(new Injection(method.getJavaMember(), parameters(method, deployment))));
        // superclasses first; List.sort is stable, so within a class the fields, added first, stay before the methods
        injections.sort(Comparator.comparingInt(injection -> depth(injection.member().getDeclaringClass())));
        return new LibraryInstances<>(accessible(chosen.getJavaMember()), parameters(chosen, deployment), injections,
                callbacks(type, PostConstruct.class), callbacks(type, PreDestroy.class));
    }

    /** Every injection point, for the container to validate at deployment. */
    Set<InjectionPoint> injectionPoints() {
        Set<InjectionPoint> points = new LinkedHashSet<>(constructorParameters);
        injections.forEach(injection -> points.addAll(injection.points()));
        return points;
    }

    T create(BeanManager beans, CreationalContext<T> context) {
        try {
            T instance = constructor.newInstance(references(constructorParameters, beans, context));
            for (Injection injection : injections) {
                if (injection.member() instanceof Field field) {
                    field.set(instance, references(injection.points(), beans, context)[0]);
                } else {
                    ((Method) injection.member()).invoke(instance, references(injection.points(), beans, context));
                }
            }
            for (Method callback : postConstruct) {
                callback.invoke(instance);
            }
            return instance;
        } catch (InvocationTargetException e) {
            throw new CreationException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new CreationException(e);
        }
    }

    void destroy(T instance) {
        try {
            for (Method callback : preDestroy) {
                callback.invoke(instance);
            }
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object[] references(List<InjectionPoint> points, BeanManager beans, CreationalContext<?> context) {
        return points.stream().map(point -> beans.getInjectableReference(point, context)).toArray();
    }

    private static List<InjectionPoint> parameters(AnnotatedCallable<?> callable, BeanManager deployment) {
        return callable.getParameters().stream().map(deployment::createInjectionPoint).toList();
    }

    /** The callback methods carrying {@code annotation}, superclasses' first. */
    private static List<Method> callbacks(AnnotatedType<?> type, Class<? extends Annotation> annotation) {
        return type.getMethods().stream().filter(method -> method.isAnnotationPresent(annotation))
                .map(AnnotatedMethod::getJavaMember)
                .sorted(Comparator.comparingInt(method -> depth(method.getDeclaringClass())))
                .map(LibraryInstances::accessible)
                .toList();
    }

    private static int depth(Class<?> type) {
        int depth = 0;
        for (Class<?> c = type.getSuperclass(); c != null; c = c.getSuperclass()) {
            depth++;
        }
        return depth;
    }

    private static <M extends AccessibleObject> M accessible(M member) {
        member.setAccessible(true);
        return member;
    }

    /** A field or an initializer method, with the injection points of its value or parameters. */
    private record Injection(Member member, List<InjectionPoint> points) {
        Injection {
            accessible((AccessibleObject) member);
        }
    }
}
