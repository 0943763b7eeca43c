package io.yoctopus.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A server process a test starts itself, of the server the tests run against ({@link Server#current()}), from
 * what the build fetched or unpacked for Arquillian: for what the Arquillian container cannot do, such as an
 * HTTPS listener for one test class only, or stopping the server while clients are connected, as its launcher
 * would (SIGTERM). The WAR is served at context root {@code /}. Its output is kept, for assertions on the log.
 */
public final class ServerProcess implements AutoCloseable {

    /** How to run one server, its files prepared: the command, its environment, and the line that says it is ready. */
    record Launch(List<String> command, Map<String, String> environment, Predicate<String> ready, int httpPort,
            int httpsPort) {
    }

    /** An HTTPS listener's certificate: a PKCS12 key store, its password (also the key's), the key's alias. */
    public record Tls(Path keyStore, String password, String alias) {
    }

    /**
     * What the server runs: {@code war} at context root {@code /}, more WARs each at {@code /<name>}, an HTTPS
     * listener when {@code tls} is given, system properties of the server's JVM, and jars the server gives the
     * applications as libraries, each server its own way (README, "Writing a plugin in its own project"): Payara
     * Micro's {@code --addlibs}, a WildFly global directory, Open Liberty's global library.
     */
    public record Setup(WebArchive war, Map<String, WebArchive> moreWars, Optional<Tls> tls,
            Map<String, String> systemProperties, List<Path> libraries, List<String> payaraOptions,
            WildFlyOptions wildfly) {

        /** Only {@code war}, at context root {@code /}; on Payara Micro without the data grid. */
        public static Setup of(WebArchive war) {
            return new Setup(war, Map.of(), Optional.empty(), Map.of(), List.of(), List.of("--nohazelcast"),
                    WildFlyOptions.DEFAULT);
        }

        public Setup withTls(Tls tls) {
            return new Setup(war, moreWars, Optional.of(tls), systemProperties, libraries, payaraOptions, wildfly);
        }

        public Setup withSystemProperties(Map<String, String> properties) {
            return new Setup(war, moreWars, tls, Map.copyOf(properties), libraries, payaraOptions, wildfly);
        }

        public Setup withLibraries(List<Path> jars) {
            return new Setup(war, moreWars, tls, systemProperties, List.copyOf(jars), payaraOptions, wildfly);
        }

        /** Payara Micro's own options instead of {@code --nohazelcast} (the data grid's, say); other servers ignore them. */
        public Setup withPayaraOptions(List<String> options) {
            return new Setup(war, moreWars, tls, systemProperties, libraries, List.copyOf(options), wildfly);
        }

        /** WildFly's configuration, management commands and port offset; other servers ignore them. */
        public Setup withWildFly(WildFlyOptions options) {
            return new Setup(war, moreWars, tls, systemProperties, libraries, payaraOptions, options);
        }

        /** Plus {@code another} at context root {@code /name}. */
        public Setup withWar(String name, WebArchive another) {
            Map<String, WebArchive> wars = new LinkedHashMap<>(moreWars);
            wars.put(name, another);
            return new Setup(war, wars, tls, systemProperties, libraries, payaraOptions, wildfly);
        }
    }

    /**
     * A WildFly's server configuration file ({@code standalone.xml}, {@code standalone-full.xml}, ...), the management
     * commands run on it before the server starts (README's CLI scripts, say), and the offset of all its ports (0:
     * one found free).
     */
    public record WildFlyOptions(String configuration, List<String> commands, int portOffset) {

        static final WildFlyOptions DEFAULT = new WildFlyOptions("standalone.xml", List.of(), 0);
    }

    private final Process process;
    private final Launch launch;
    private final StringBuffer output = new StringBuffer();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread reader;

    private ServerProcess(Process process, Launch launch) {
        this.process = process;
        this.launch = launch;
        this.reader = new Thread(this::read, "server-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts what {@code setup} says on the current server, in {@code directory} (emptied first), and waits until the
     * server says it is ready (also when one of the applications failed to deploy).
     */
    public static ServerProcess start(Setup setup, Path directory) throws IOException, InterruptedException {
        deleteRecursively(directory);
        Files.createDirectories(directory);
        Launch launch = switch (Server.current()) {
            case PAYARA -> PayaraLaunch.prepare(setup, directory);
            case WILDFLY -> WildFlyLaunch.prepare(setup, directory);
            case LIBERTY -> LibertyLaunch.prepare(setup, directory);
        };
        ProcessBuilder builder = new ProcessBuilder(launch.command()).redirectErrorStream(true);
        builder.environment().putAll(launch.environment());
        ServerProcess server = new ServerProcess(builder.start(), launch);
        if (!server.ready.await(180, TimeUnit.SECONDS)) {
            server.close();
            throw new IllegalStateException(Server.current().id() + " did not start within 180 s:\n" + server.tail());
        }
        return server;
    }

    /**
     * A fresh self-signed certificate for localhost and 127.0.0.1 in {@code keyStore} (replaced if there), made by the
     * JDK's keytool, valid for two days.
     */
    public static Tls selfSigned(Path keyStore, String alias, String password) throws IOException, InterruptedException {
        Files.createDirectories(keyStore.toAbsolutePath().getParent());
        Files.deleteIfExists(keyStore);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process generate = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", alias,
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost, O=Yoctopus IT",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toAbsolutePath().toString(), "-storepass", password,
                "-keypass", password, "-noprompt").redirectErrorStream(true).start();
        String output = new String(generate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!generate.waitFor(60, TimeUnit.SECONDS) || generate.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        return new Tls(keyStore, password, alias);
    }

    /** A port that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Whether nothing listens on {@code port} of the loopback interface now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    public int httpPort() {
        return launch.httpPort();
    }

    /** The HTTPS port; only with an HTTPS listener ({@link Setup#withTls}). */
    public int httpsPort() {
        return launch.httpsPort();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Asks the server to stop (SIGTERM), as a service manager or Ctrl-C would, without waiting. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end and its output to be read. */
    public boolean awaitExit(long seconds) throws InterruptedException {
        boolean exited = process.waitFor(seconds, TimeUnit.SECONDS);
        reader.join(5000);
        return exited;
    }

    /** Everything the server printed so far. */
    public String output() {
        return output.toString();
    }

    /** The last few thousand characters of the output, for failure messages. */
    public String tail() {
        return output.substring(Math.max(0, output.length() - 6000));
    }

    /** Kills the process (and what it started) at once, if it still runs: SIGKILL, as a crash would end it. */
    public void kill() {
        close();
    }

    /** Kills the process (and what it started) if it still runs. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                if (launch.ready().test(line)) {
                    ready.countDown();
                }
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
