package dev.wharf.srctest.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code jco run <component>}: the reference host for a {@code wasi:cli/run} command (jco's transpiled component on
 * Node with preview2-shim), as a child process with no arguments, no environment of ours and no preopens asked for.
 *
 * @param exitCode the process's exit code (-1 if it did not end within the time limit)
 * @param output stdout and stderr, interleaved
 */
record JcoRun(int exitCode, String output) {

    static JcoRun run(Path component, long timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(JcoServe.jco().toString(), "run", component.toString())
                .redirectErrorStream(true)
                // an empty stdin, as Wharf gives: a guest reading it sees its end instead of waiting
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[][] out = new byte[1][];
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                out[0] = process.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = new byte[0];
            }
        });
        boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!ended) {
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            tree.add(process.toHandle());
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        reader.join(10_000);
        String text = out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8);
        return new JcoRun(ended ? process.exitValue() : -1, text);
    }

    /** The last non-blank lines, for a one-line report. */
    String tail(int lines) {
        List<String> all = output.lines().filter(l -> !l.isBlank()).toList();
        return String.join(" / ", all.subList(Math.max(0, all.size() - lines), all.size())).trim();
    }
}
