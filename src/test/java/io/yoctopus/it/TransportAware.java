package io.yoctopus.it;

/** A test class whose {@link OnBothTransports} tests run on each transport in turn. */
public interface TransportAware {

    /** Called before each run of such a test, with the transport it is to use. */
    void use(Transport transport);
}
