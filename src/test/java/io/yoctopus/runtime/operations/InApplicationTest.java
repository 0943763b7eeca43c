package io.yoctopus.runtime.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every JMX call of an {@link InApplication} MXBean, through an MBean server as a connector makes it, runs with the
 * application's class loader as the context class loader, whatever the calling thread had, and gives the caller's
 * back afterwards, also when the call fails.
 */
class InApplicationTest {

    /** What the MXBean's implementation sees of the thread that calls it. */
    public interface WitnessMXBean {
        String getLoader();

        void setLoader(String value);

        String loaderNow();

        void fail();
    }

    static final class Witness implements WitnessMXBean {
        final List<String> seen = new ArrayList<>();

        @Override
        public String getLoader() {
            return current();
        }

        @Override
        public void setLoader(String value) {
            seen.add(value + " " + current());
        }

        @Override
        public String loaderNow() {
            return current();
        }

        @Override
        public void fail() {
            throw new IllegalStateException("failed with " + current());
        }

        private static String current() {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return loader == null ? "none" : loader.getName();
        }
    }

    private final ClassLoader application = new URLClassLoader("application", new URL[0], null);
    private final ClassLoader connector = new URLClassLoader("connector", new URL[0], null);
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final Witness witness = new Witness();
    private ObjectName name;
    private ClassLoader before;

    @BeforeEach
    void register() throws Exception {
        name = new ObjectName("io.yoctopus.test:type=Witness");
        server.registerMBean(new InApplication(witness, WitnessMXBean.class, application), name);
        before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(connector);
    }

    @AfterEach
    void restore() {
        Thread.currentThread().setContextClassLoader(before);
    }

    private void assertCallerLoaderBack() {
        assertSame(connector, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void readingAnAttributeRunsInTheApplication() throws Exception {
        assertEquals("application", server.getAttribute(name, "Loader"));
        assertCallerLoaderBack();
        AttributeList read = server.getAttributes(name, new String[] {"Loader"});
        assertEquals("application", ((Attribute) read.get(0)).getValue());
        assertCallerLoaderBack();
    }

    @Test
    void writingAnAttributeRunsInTheApplication() throws Exception {
        server.setAttribute(name, new Attribute("Loader", "one"));
        assertCallerLoaderBack();
        AttributeList written = server.setAttributes(name, new AttributeList(List.of(new Attribute("Loader", "two"))));
        assertEquals(1, written.size());
        assertCallerLoaderBack();
        assertEquals(List.of("one application", "two application"), witness.seen);
    }

    @Test
    void anOperationRunsInTheApplication() throws Exception {
        assertEquals("application", server.invoke(name, "loaderNow", new Object[0], new String[0]));
        assertCallerLoaderBack();
    }

    @Test
    void theCallersLoaderComesBackWhenTheCallFails() {
        RuntimeMBeanException failed = assertThrows(RuntimeMBeanException.class,
                () -> server.invoke(name, "fail", new Object[0], new String[0]));
        assertEquals("failed with application", failed.getCause().getMessage());
        assertCallerLoaderBack();
    }

    @Test
    void aThreadWithoutAContextLoaderHasNoneAgainAfterTheCall() throws Exception {
        Thread.currentThread().setContextClassLoader(null);
        assertEquals("application", server.getAttribute(name, "Loader"));
        assertEquals(null, Thread.currentThread().getContextClassLoader());
    }
}
