package io.yoctopus.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.Asset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Deployments for the integration tests: the real WAR built by {@code mvn package}
 * (failsafe runs the ITs after {@code package}, so {@code target/yoctopus.war} exists).
 */
public final class Deployments {

    /** The WAR that {@code mvn package} builds. */
    public static final Path BUILT_WAR = Path.of("target", "yoctopus.war");

    /** {@code META-INF/beans.xml} of a test bean archive: annotated discovery, as the WAR's own. */
    public static final Asset BEANS_XML = new StringAsset("""
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee"
                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                   xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/beans_4_0.xsd"
                   version="4.0" bean-discovery-mode="annotated">
            </beans>
            """);

    /** Path of the WebSocket endpoint under the context root. */
    public static final String WS_PATH = "ws";

    private Deployments() {
    }

    /**
     * The built WAR plus {@code extraLibs} in {@code WEB-INF/lib} (e.g. test plugins).
     * Named {@code ROOT.war} so that Payara Micro and WildFly deploy it at context root {@code /}, as in
     * production; Open Liberty's Arquillian container deploys it to {@code dropins/}, at {@code /ROOT}. Tests
     * build their URIs from the URL Arquillian gives ({@link #wsUri(URL)}), so the context root is theirs to
     * follow, never to assume.
     */
    public static WebArchive war(JavaArchive... extraLibs) {
        return war(BUILT_WAR, extraLibs);
    }

    /** {@link #war(JavaArchive...)} on another WAR than the built one (the example's overlay, say). */
    public static WebArchive war(Path base, JavaArchive... extraLibs) {
        if (!Files.isRegularFile(base)) {
            throw new IllegalStateException(base.toAbsolutePath()
                    + " does not exist: run the integration tests with `mvn verify` (it packages first)");
        }
        WebArchive war = ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(base.toFile())
                .as(WebArchive.class);
        if (extraLibs.length > 0) {
            war.addAsLibraries(extraLibs);
        }
        return war;
    }

    /**
     * {@code war} with the Vert.x transport on, on {@link Transport#VERTX_PORT}: a library jar whose only content is
     * configuration, so that only the deployments of the classes that test that transport start it (not every IT
     * class's, nor a server's whole run, as a system property would). A server started beside the Arquillian one
     * overrides the port with a system property.
     */
    public static WebArchive withVertxTransport(WebArchive war) {
        return war.addAsLibraries(ShrinkWrap.create(JavaArchive.class, "yoctopus-it-vertx.jar")
                .addAsManifestResource(new StringAsset("yoctopus.transport.vertx.enabled=true\n"
                        + "yoctopus.transport.vertx.port=" + Transport.VERTX_PORT + "\n"), "microprofile-config.properties"));
    }

    /** {@code ws://host:port/<context>/ws} for an Arquillian {@code @ArquillianResource URL base}. */
    public static URI wsUri(URL base) {
        return wsUri(base, WS_PATH);
    }

    /** A WebSocket URI for {@code path} (relative to the context root) under {@code base}. */
    public static URI wsUri(URL base, String path) {
        String scheme = "https".equalsIgnoreCase(base.getProtocol()) ? "wss" : "ws";
        String context = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
        String relative = path.replaceAll("^/+", "");
        try {
            return new URI(scheme, null, base.getHost(), base.getPort(), context + "/" + relative, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Cannot build a WebSocket URI from " + base + " and " + path, e);
        }
    }
}
