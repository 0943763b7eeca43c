package io.yoctopus.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A Payara Micro process started by a test itself (from the {@code target/payara-micro.jar} that the build
 * fetches for Arquillian), for what the Arquillian container cannot do: extra JVM and Payara options for
 * one test class only, and stopping the server while clients are connected, as its launcher would
 * (SIGTERM). Its output is kept, for assertions on the log.
 */
public final class PayaraMicroProcess implements AutoCloseable {

    /** The Payara Micro jar that {@code maven-dependency-plugin} copies before the integration tests. */
    public static final Path MICRO_JAR = Path.of("target", "payara-micro.jar");

    private final Process process;
    private final int httpPort;
    private final StringBuffer output = new StringBuffer();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread reader;

    private PayaraMicroProcess(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.reader = new Thread(this::read, "payara-micro-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Deploys {@code war} (exported to {@code directory}) at context root {@code /} on a free HTTP port and
     * waits until Payara Micro says it is ready.
     *
     * @param jvmOptions before {@code -jar}, e.g. {@code -Dkey=value}
     * @param microOptions after the jar, e.g. {@code --sslPort 8443}
     */
    public static PayaraMicroProcess start(WebArchive war, Path directory, List<String> jvmOptions,
            List<String> microOptions) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path warFile = directory.resolve("ROOT.war");
        war.as(ZipExporter.class).exportTo(warFile.toFile(), true);
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.io.tmpdir=" + directory.toAbsolutePath());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", MICRO_JAR.toAbsolutePath().toString(),
                "--nohazelcast", "--port", String.valueOf(port), "--deploy", warFile.toAbsolutePath().toString()));
        command.addAll(microOptions);
        PayaraMicroProcess server = new PayaraMicroProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), port);
        if (!server.ready.await(180, TimeUnit.SECONDS)) {
            server.close();
            throw new IllegalStateException("Payara Micro did not start within 180 s:\n" + server.tail());
        }
        return server;
    }

    /** A port that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public int httpPort() {
        return httpPort;
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

    /** Kills the process if it still runs. */
    @Override
    public void close() {
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
                if (line.contains("Payara Micro") && line.contains("ready")) {
                    ready.countDown();
                }
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }
}
