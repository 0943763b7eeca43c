package io.yoctopus.it;

import java.util.List;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/** The runs of an {@link OnBothTransports} test: the container's transport everywhere, Vert.x on Payara Micro. */
final class TransportInvocations implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(method -> method.isAnnotationPresent(OnBothTransports.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return transports(Server.current()).stream().map(Run::new);
    }

    static List<Transport> transports(Server server) {
        return server.isPayara() ? List.of(Transport.CONTAINER, Transport.VERTX) : List.of(Transport.CONTAINER);
    }

    /** The deployment of a class with {@link OnBothTransports} tests: the Vert.x transport on where they use it. */
    static WebArchive deployable(WebArchive war) {
        return transports(Server.current()).contains(Transport.VERTX) ? Deployments.withVertxTransport(war) : war;
    }

    /** One run: its name, and the transport handed to the test instance before it. */
    private record Run(Transport transport) implements TestTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + transport.id() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of((BeforeEachCallback) context -> ((TransportAware) context.getRequiredTestInstance())
                    .use(transport));
        }
    }
}
