package io.yoctopus.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** A Payara Micro of a test's own, from {@code target/payara-micro.jar} (fetched by the build for Arquillian). */
final class PayaraLaunch {

    static final Path MICRO_JAR = Path.of("target", "payara-micro.jar");

    private PayaraLaunch() {
    }

    /** With an HTTPS listener for {@code tls}, and no data grid. */
    static ServerProcess.Launch prepare(WebArchive war, Path directory, ServerProcess.Tls tls,
            Map<String, String> systemProperties) throws IOException {
        int https = ServerProcess.freePort();
        return prepare(war, directory, List.of(
                "-Djavax.net.ssl.keyStore=" + tls.keyStore().toAbsolutePath(),
                "-Djavax.net.ssl.keyStorePassword=" + tls.password(),
                "-Djavax.net.ssl.keyStoreType=PKCS12"), systemProperties,
                List.of("--nohazelcast", "--sslPort", String.valueOf(https), "--sslCert", tls.alias()), https);
    }

    /**
     * With these Payara Micro options (the data grid's, say) and no HTTPS listener.
     *
     * @param jvmOptions options of the server's JVM besides the system properties
     */
    static ServerProcess.Launch prepare(WebArchive war, Path directory, List<String> jvmOptions,
            Map<String, String> systemProperties, List<String> microOptions, int httpsPort) throws IOException {
        Path warFile = directory.resolve("ROOT.war");
        war.as(ZipExporter.class).exportTo(warFile.toFile(), true);
        int http = ServerProcess.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.io.tmpdir=" + directory.toAbsolutePath());
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", MICRO_JAR.toAbsolutePath().toString()));
        command.addAll(microOptions);
        command.addAll(List.of("--port", String.valueOf(http), "--deploy", warFile.toAbsolutePath().toString()));
        return new ServerProcess.Launch(command, Map.of(),
                line -> line.contains("Payara Micro") && line.contains("ready"), http, httpsPort);
    }
}
