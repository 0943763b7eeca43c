package io.yoctopus.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** A Payara Micro of a test's own, from {@code target/payara-micro.jar} (fetched by the build for Arquillian). */
final class PayaraLaunch {

    static final Path MICRO_JAR = Path.of("target", "payara-micro.jar");

    private PayaraLaunch() {
    }

    static ServerProcess.Launch prepare(ServerProcess.Setup setup, Path directory) throws IOException {
        Path warFile = directory.resolve("ROOT.war");
        setup.war().as(ZipExporter.class).exportTo(warFile.toFile(), true);
        int http = ServerProcess.freePort();
        int https = ServerProcess.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.io.tmpdir=" + directory.toAbsolutePath());
        setup.systemProperties().forEach((key, value) -> command.add("-D" + key + "=" + value));
        setup.tls().ifPresent(tls -> {
            command.add("-Djavax.net.ssl.keyStore=" + tls.keyStore().toAbsolutePath());
            command.add("-Djavax.net.ssl.keyStorePassword=" + tls.password());
            command.add("-Djavax.net.ssl.keyStoreType=PKCS12");
        });
        command.addAll(List.of("-jar", MICRO_JAR.toAbsolutePath().toString()));
        command.addAll(setup.payaraOptions());
        command.addAll(List.of("--port", String.valueOf(http), "--deploy", warFile.toAbsolutePath().toString()));
        // each further WAR at the context root its file name gives
        for (Map.Entry<String, WebArchive> war : setup.moreWars().entrySet()) {
            Path file = directory.resolve(war.getKey() + ".war");
            war.getValue().as(ZipExporter.class).exportTo(file.toFile(), true);
            command.addAll(List.of("--deploy", file.toAbsolutePath().toString()));
        }
        setup.tls().ifPresent(tls -> command.addAll(List.of("--sslPort", String.valueOf(https), "--sslCert", tls.alias())));
        if (!setup.libraries().isEmpty()) {
            command.addAll(List.of("--addlibs", setup.libraries().stream().map(jar -> jar.toAbsolutePath().toString())
                    .collect(Collectors.joining(File.pathSeparator))));
        }
        return new ServerProcess.Launch(command, Map.of(),
                line -> line.contains("Payara Micro") && line.contains("ready"), http, https);
    }
}
