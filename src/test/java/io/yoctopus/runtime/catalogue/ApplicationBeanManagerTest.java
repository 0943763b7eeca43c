package io.yoctopus.runtime.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApplicationBeanManagerTest {

    @Test
    void looksTheManagerUpOnceWhenFirstAsked() {
        BeanManager manager = (BeanManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BeanManager.class}, (proxy, method, args) -> null);
        AtomicInteger lookups = new AtomicInteger();
        ApplicationBeanManager application = new ApplicationBeanManager(() -> {
            lookups.incrementAndGet();
            return manager;
        });
        assertEquals(0, lookups.get());
        assertSame(manager, application.get());
        assertSame(manager, application.get());
        assertEquals(1, lookups.get());
    }
}
