package io.yoctopus.runtime.operations;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.InvalidAttributeValueException;
import javax.management.MBeanException;
import javax.management.ReflectionException;
import javax.management.StandardMBean;

/**
 * An MXBean whose every attribute and operation runs with the application's class loader as the calling thread's
 * context class loader, restored after the call. JMX calls arrive on the connector's threads, which know nothing of
 * the application: JConsole or VisualVM attached to a local process call on RMI threads whose context class loader is
 * null, and Payara's CDI proxies then refuse to work ("Thread's context class loader is null").
 */
final class InApplication extends StandardMBean {

    private final ClassLoader loader;

    <T> InApplication(T implementation, Class<T> mxbeanInterface, ClassLoader loader) {
        super(implementation, mxbeanInterface, true);
        this.loader = loader;
    }

    @Override
    public Object getAttribute(String attribute)
            throws AttributeNotFoundException, MBeanException, ReflectionException {
        ClassLoader caller = enter();
        try {
            return super.getAttribute(attribute);
        } finally {
            leave(caller);
        }
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        ClassLoader caller = enter();
        try {
            return super.getAttributes(attributes);
        } finally {
            leave(caller);
        }
    }

    @Override
    public void setAttribute(Attribute attribute)
            throws AttributeNotFoundException, InvalidAttributeValueException, MBeanException, ReflectionException {
        ClassLoader caller = enter();
        try {
            super.setAttribute(attribute);
        } finally {
            leave(caller);
        }
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        ClassLoader caller = enter();
        try {
            return super.setAttributes(attributes);
        } finally {
            leave(caller);
        }
    }

    @Override
    public Object invoke(String operation, Object[] arguments, String[] signature)
            throws MBeanException, ReflectionException {
        ClassLoader caller = enter();
        try {
            return super.invoke(operation, arguments, signature);
        } finally {
            leave(caller);
        }
    }

    /** @return the caller's context class loader, to restore */
    private ClassLoader enter() {
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        return caller;
    }

    private static void leave(ClassLoader caller) {
        Thread.currentThread().setContextClassLoader(caller);
    }
}
