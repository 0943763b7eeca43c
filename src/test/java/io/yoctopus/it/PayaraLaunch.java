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

    static ServerProcess.Launch prepare(WebArchive war, Path directory, ServerProcess.Tls tls,
            Map<String, String> systemProperties) throws IOException {
        Path warFile = directory.resolve("ROOT.war");
        war.as(ZipExporter.class).exportTo(warFile.toFile(), true);
        int http = ServerProcess.freePort();
        int https = ServerProcess.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.io.tmpdir=" + directory.toAbsolutePath());
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Djavax.net.ssl.keyStore=" + tls.keyStore().toAbsolutePath());
        command.add("-Djavax.net.ssl.keyStorePassword=" + tls.password());
        command.add("-Djavax.net.ssl.keyStoreType=PKCS12");
        command.addAll(List.of("-jar", MICRO_JAR.toAbsolutePath().toString(), "--nohazelcast",
                "--port", String.valueOf(http), "--sslPort", String.valueOf(https), "--sslCert", tls.alias(),
                "--deploy", warFile.toAbsolutePath().toString()));
        return new ServerProcess.Launch(command, Map.of(),
                line -> line.contains("Payara Micro") && line.contains("ready"), http, https);
    }
}
