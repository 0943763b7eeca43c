package io.yoctopus.runtime.catalogue;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

/**
 * Holds the application's {@link Catalogue}: the analysed plugins bound to their beans, once, when the
 * application starts. Bean references are looked up here and never per request.
 */
@ApplicationScoped
public class PluginRegistry {

    private final PluginExtension extension;
    private final BeanManager beans;
    private Catalogue catalogue;

    @Inject
    public PluginRegistry(PluginExtension extension, BeanManager beans) {
        this.extension = extension;
        this.beans = beans;
    }

    /** For the proxy only. */
    protected PluginRegistry() {
        this(null, null);
    }

    @PostConstruct
    void bind() {
        catalogue = Catalogue.bind(extension.model(), this::reference);
    }

    /** Builds the catalogue as the application starts rather than on the first request. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        catalogue();
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    private Object reference(Class<?> beanClass) {
        Bean<?> bean = beans.getBeans(beanClass, Any.Literal.INSTANCE).stream()
                .filter(candidate -> candidate.getBeanClass() == beanClass)
                .findFirst()
                .orElseGet(() -> beans.resolve(beans.getBeans(beanClass, Any.Literal.INSTANCE)));
        return beans.getReference(bean, beanClass, beans.createCreationalContext(bean));
    }
}
