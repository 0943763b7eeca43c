package io.yoctopus.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A WildFly of a test's own: the dist the build unpacked (system property {@code wildfly.home}) with a base
 * directory in the test's directory, a copy of the dist's {@code standalone/configuration}. The WAR goes to its
 * {@code deployments/} as {@code ROOT.war} (context root {@code /}), further WARs by their names; a certificate
 * replaces the default HTTPS listener's self-signed one ({@code application.keystore}, password
 * {@value #KEY_STORE_PASSWORD}); libraries go to a directory made the {@code ee} subsystem's global directory with
 * the management command README gives, run by the CLI on the embedded server before the server starts, with the
 * setup's own commands ({@link ServerProcess.WildFlyOptions}), on the setup's configuration file. All ports move by
 * one offset that leaves them free.
 */
final class WildFlyLaunch {

    /** The password of standalone.xml's application key store and its key. */
    static final String KEY_STORE_PASSWORD = "password";

    /**
     * Every port standalone.xml binds: HTTP, HTTPS, management HTTP and HTTPS, the transaction manager's two; and
     * IIOP's two, of standalone-full.xml.
     */
    private static final int[] PORTS = {8080, 8443, 9990, 9993, 4712, 4713, 3528, 3529};

    private WildFlyLaunch() {
    }

    static ServerProcess.Launch prepare(ServerProcess.Setup setup, Path directory) throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("wildfly.home", "unset: run with -Pwildfly"));
        Path base = directory.resolve("standalone");
        Path configuration = Files.createDirectories(base.resolve("configuration"));
        try (Stream<Path> files = Files.list(home.resolve("standalone").resolve("configuration"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, configuration.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (setup.tls().isPresent()) {
            ServerProcess.Tls tls = setup.tls().get();
            if (!KEY_STORE_PASSWORD.equals(tls.password())) {
                throw new IllegalArgumentException("WildFly's default HTTPS listener reads its key store with password "
                        + KEY_STORE_PASSWORD + ", not " + tls.password());
            }
            Files.copy(tls.keyStore(), configuration.resolve("application.keystore"), StandardCopyOption.REPLACE_EXISTING);
        }
        Path deployments = Files.createDirectories(base.resolve("deployments"));
        setup.war().as(ZipExporter.class).exportTo(deployments.resolve("ROOT.war").toFile(), true);
        for (Map.Entry<String, WebArchive> war : setup.moreWars().entrySet()) {
            war.getValue().as(ZipExporter.class).exportTo(deployments.resolve(war.getKey() + ".war").toFile(), true);
        }
        ServerProcess.WildFlyOptions options = setup.wildfly();
        List<String> commands = new ArrayList<>(options.commands());
        if (!setup.libraries().isEmpty()) {
            Path libraries = copy(setup.libraries(), Files.createDirectories(directory.resolve("libs")));
            commands.add("/subsystem=ee/global-directory=yoctopus-plugins:add(path=" + libraries.toAbsolutePath()
                    + ")");
        }
        if (!commands.isEmpty()) {
            manage(home, base, options.configuration(), commands, directory.resolve("commands.cli"));
        }

        int offset = options.portOffset() != 0 ? options.portOffset() : freeOffsets(1)[0];
        List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve("standalone.sh").toString(),
                "-c", options.configuration(), "-Djboss.server.base.dir=" + base.toAbsolutePath(),
                "-Djboss.socket.binding.port-offset=" + offset));
        setup.systemProperties().forEach((key, value) -> command.add("-D" + key + "=" + value));
        // in the background, so that the script passes SIGTERM on to the server
        return new ServerProcess.Launch(command, Map.of("LAUNCH_JBOSS_IN_BACKGROUND", "true"),
                line -> line.contains("WFLYSRV0025") || line.contains("WFLYSRV0026"), 8080 + offset, 8443 + offset);
    }

    private static Path copy(List<Path> jars, Path into) throws IOException {
        for (Path jar : jars) {
            Files.copy(jar, into.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        return into;
    }

    /**
     * Runs management {@code commands} (README's, such as the global directory's or clustering's) on the embedded
     * server with {@code configuration}, from a script in {@code script}.
     */
    private static void manage(Path home, Path base, String configuration, List<String> commands, Path script)
            throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        lines.add("embed-server --server-config=" + configuration);
        lines.addAll(commands);
        lines.add("stop-embedded-server");
        Files.write(script, lines);
        ProcessBuilder cli = new ProcessBuilder(home.resolve("bin").resolve("jboss-cli.sh").toString(),
                "--file=" + script.toAbsolutePath()).redirectErrorStream(true);
        cli.environment().put("JAVA_OPTS", "-Djboss.server.base.dir=" + base.toAbsolutePath());
        Process process = cli.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0 || !output.contains("\"success\"")) {
            process.destroyForcibly();
            throw new IllegalStateException("the WildFly CLI failed on " + commands + ":\n" + output);
        }
    }

    /**
     * {@code count} offsets that each move every port of {@link #PORTS} to a free one (for servers started side by
     * side, which must know each other's ports): from 22000 in steps of 7, clear of the ports of the Arquillian
     * servers, and of each other.
     */
    static int[] freeOffsets(int count) {
        int[] offsets = IntStream.iterate(22000, offset -> offset < 23000, offset -> offset + 7)
                .filter(offset -> IntStream.of(PORTS).allMatch(port -> ServerProcess.isFree(port + offset)))
                .limit(count).toArray();
        if (offsets.length < count) {
            throw new IllegalStateException("no " + count + " free port offsets for WildFly");
        }
        return offsets;
    }
}
