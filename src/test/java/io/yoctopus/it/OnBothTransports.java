package io.yoctopus.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that runs once per transport, against the same deployment: the container's WebSocket endpoint, and on
 * Payara Micro also the Vert.x transport (the other servers run the Vert.x transport's deployment check only, to
 * keep the run short). Before each run the test instance is told which one ({@link TransportAware#use}); JUnit
 * names the runs {@code [container]} and {@code [vertx]}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(TransportInvocations.class)
public @interface OnBothTransports {
}
