package io.yoctopus.runtime.catalogue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

/**
 * A bean of the application's own bean archive ({@code WEB-INF/classes}): the beans of library jars are made to
 * belong to its archive ({@link LibraryBean#getBeanClass()}), and are made and injected by its {@code BeanManager},
 * which therefore sees them and every bean the application's own beans see.
 */
@ApplicationScoped
public class ApplicationArchive {

    private BeanManager beans;

    @Inject
    public ApplicationArchive(BeanManager beans) {
        this.beans = beans;
    }

    /** For the proxy only. */
    protected ApplicationArchive() {
    }

    /** The {@code BeanManager} of this bean's archive. */
    public BeanManager beanManager() {
        return beans;
    }
}
