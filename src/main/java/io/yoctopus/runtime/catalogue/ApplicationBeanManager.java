package io.yoctopus.runtime.catalogue;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import java.util.function.Supplier;

/**
 * The {@code BeanManager} of the application's own archive ({@link ApplicationArchive}), looked up once, when first
 * needed, at run time. A portable extension is given the manager of its own bean archive, which on Payara is made
 * for the extension class alone and sees none of the application's beans, and {@code CDI.current()} answers with a
 * manager that on Open Liberty does not see the beans made for library jars; the archive's bean has the one that
 * sees both.
 */
final class ApplicationBeanManager implements Supplier<BeanManager> {

    private final Supplier<BeanManager> lookup;
    private volatile BeanManager found;

    ApplicationBeanManager() {
        this(() -> CDI.current().select(ApplicationArchive.class).get().beanManager());
    }

    ApplicationBeanManager(Supplier<BeanManager> lookup) {
        this.lookup = lookup;
    }

    @Override
    public BeanManager get() {
        BeanManager manager = found;
        if (manager == null) {
            manager = lookup.get();
            found = manager;
        }
        return manager;
    }
}
