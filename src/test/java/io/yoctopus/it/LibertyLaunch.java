package io.yoctopus.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * An Open Liberty server of a test's own: the runtime the build unpacked (system property {@code liberty.home}),
 * with a user directory in the test's directory (WLP_USER_DIR) holding the server: the WAR's configuration from
 * {@code src/main/liberty/config} (its {@code yoctopus.xml} and data source), H2 as the shared library it names,
 * an HTTPS listener with the test's certificate if any, the WAR at context root {@code /} and further WARs at their
 * names, libraries in the global library ({@code usr/shared/config/lib/global}, given to every application that
 * names no class loader of its own).
 */
final class LibertyLaunch {

    static final String SERVER = "yoctopus-test";
    static final Path CONFIG = Path.of("src", "main", "liberty", "config");

    private LibertyLaunch() {
    }

    static ServerProcess.Launch prepare(ServerProcess.Setup setup, Path directory) throws IOException {
        Path home = Path.of(System.getProperty("liberty.home", "unset: run with -Pliberty"));
        Path user = directory.resolve("usr").toAbsolutePath();
        Path server = Files.createDirectories(user.resolve("servers").resolve(SERVER));
        for (String file : List.of("yoctopus.xml", "h2.xml", "postgresql.xml")) {
            Files.copy(CONFIG.resolve(file), server.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path h2 = Files.createDirectories(user.resolve("shared").resolve("resources").resolve("h2"));
        Files.copy(home.resolve("usr/shared/resources/h2/h2.jar"), h2.resolve("h2.jar"), StandardCopyOption.REPLACE_EXISTING);
        Path global = Files.createDirectories(user.resolve("shared").resolve("config").resolve("lib").resolve("global"));
        for (Path jar : setup.libraries()) {
            Files.copy(jar, global.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Path apps = Files.createDirectories(server.resolve("apps"));
        setup.war().as(ZipExporter.class).exportTo(apps.resolve("ROOT.war").toFile(), true);
        StringBuilder applications = new StringBuilder("    <webApplication location=\"ROOT.war\" contextRoot=\"/\"/>\n");
        for (Map.Entry<String, WebArchive> war : setup.moreWars().entrySet()) {
            war.getValue().as(ZipExporter.class).exportTo(apps.resolve(war.getKey() + ".war").toFile(), true);
            applications.append("    <webApplication location=\"").append(war.getKey()).append(".war\" contextRoot=\"/")
                    .append(war.getKey()).append("\"/>\n");
        }

        int http = ServerProcess.freePort();
        int https = setup.tls().isPresent() ? ServerProcess.freePort() : -1;
        String tls = setup.tls().map(certificate -> """
                    <featureManager>
                        <feature>transportSecurity-1.0</feature>
                    </featureManager>
                    <keyStore id="defaultKeyStore" location="%s" password="%s" type="PKCS12"/>
                """.formatted(certificate.keyStore().toAbsolutePath(), certificate.password())).orElse("");
        Files.writeString(server.resolve("server.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <server description="a test's own server">
                    <include location="yoctopus.xml"/>
                %s    <httpEndpoint id="defaultHttpEndpoint" host="localhost" httpPort="%d" httpsPort="%d"/>
                %s</server>
                """.formatted(tls, http, https, applications));
        Files.writeString(server.resolve("jvm.options"), setup.systemProperties().entrySet().stream()
                .map(property -> "-D" + property.getKey() + "=" + property.getValue())
                .collect(Collectors.joining("\n", "", "\n")));
        // `server run` execs the JVM: SIGTERM reaches the server itself
        return new ServerProcess.Launch(List.of(home.resolve("bin").resolve("server").toString(), "run", SERVER),
                Map.of("WLP_USER_DIR", user.toString()), line -> line.contains("CWWKF0011I"), http, https);
    }
}
