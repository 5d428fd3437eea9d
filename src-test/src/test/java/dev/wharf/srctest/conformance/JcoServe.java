package dev.wharf.srctest.conformance;

import dev.wharf.srctest.fixtures.Fixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code jco serve} (the reference host: jco's transpiled component on Node with preview2-shim) as a child
 * process on a loopback port.
 *
 * <p>It runs with {@code --isolate-requests instance}: a fresh component instance per request, which is what Wharf
 * does, and which componentize-js components need (jco's default mode reuses one instance, and StarlingMonkey traps
 * on the second request). {@code jco serve} starts a second Node process for the server, so stopping kills the
 * whole process tree.
 */
final class JcoServe implements AutoCloseable {

    private final Process process;
    private final CompletableFuture<Void> listening = new CompletableFuture<>();
    private final StringBuilder output = new StringBuilder();
    private final int port;

    private JcoServe(Path component, int port) throws IOException {
        this.port = port;
        ProcessBuilder pb = new ProcessBuilder(jco().toString(), "serve", component.toString(),
                "--port", Integer.toString(port), "--host", "127.0.0.1", "--isolate-requests", "instance")
                .redirectErrorStream(true);
        this.process = pb.start();
        // A platform thread: a virtual one would pin a carrier in the blocking pipe read, and the served guests in
        // this JVM run on virtual threads.
        Thread.ofPlatform().daemon().name("jco-serve-output").start(this::drain);
    }

    /** The jco launcher that {@code src-test/guests/build.sh} installs with the guest toolchain. */
    static Path jco() {
        return Fixtures.guestsDir().resolve("node_modules/.bin/jco");
    }

    static boolean available() {
        return Files.isExecutable(jco());
    }

    /** Starts the process; {@link #awaitListening} waits for it. */
    static JcoServe start(Path component) throws IOException {
        return new JcoServe(component, freePort());
    }

    JcoServe awaitListening(long seconds) throws Exception {
        try {
            listening.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IllegalStateException("jco serve did not start listening: " + output(), e);
        }
        return this;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    synchronized String output() {
        return output.toString();
    }

    private void drain() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (this) {
                    output.append(line).append('\n');
                }
                if (line.startsWith("Server listening @")) {
                    listening.complete(null);
                }
            }
        } catch (IOException e) {
            // the process is gone
        } finally {
            listening.completeExceptionally(new IllegalStateException("jco serve exited"));
        }
    }

    /** A free loopback port (jco needs a number up front; the tiny race with other binders is acceptable here). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                p.destroyForcibly();
            }
        }
    }
}
