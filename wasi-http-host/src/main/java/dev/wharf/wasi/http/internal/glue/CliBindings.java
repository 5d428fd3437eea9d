package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.Trap;
import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.http.internal.io.Pollable;
import dev.wharf.wasi.http.internal.io.Pollables;
import dev.wharf.wasi.http.internal.io.StreamErrorException;
import dev.wharf.wasi.http.internal.io.WasiInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code wasi:cli}: stdout/stderr are the request's {@link CaptureStream}s, stdin is empty,
 * {@code environment} the configured variables (no arguments, no cwd), {@code exit} ends the
 * request with {@link Trap#exit} (the host reports a failing status as {@code GuestExitException}), and there are no terminals.
 */
public final class CliBindings {
    /** stdin: always at its end. */
    static final WasiInputStream EMPTY = new WasiInputStream() {
        @Override
        public byte[] read(long len) throws StreamErrorException {
            throw StreamErrorException.closed();
        }

        @Override
        public long skip(long len) throws StreamErrorException {
            throw StreamErrorException.closed();
        }

        @Override
        public Pollable subscribe() {
            return Pollables.ready();
        }

        @Override
        public void close() {}
    };

    private CliBindings() {}

    public static void register(Binder b) {
        b.fn(Wasi.CLI_STDOUT, "get-stdout", "func() -> own<output-stream>",
                (c, a) -> c.resources(Wasi.OUTPUT_STREAM).insert(c.state(WasiState.KEY).stdout()));
        b.fn(Wasi.CLI_STDERR, "get-stderr", "func() -> own<output-stream>",
                (c, a) -> c.resources(Wasi.OUTPUT_STREAM).insert(c.state(WasiState.KEY).stderr()));
        b.fn(Wasi.CLI_STDIN, "get-stdin", "func() -> own<input-stream>", (c, a) -> c.resources(Wasi.INPUT_STREAM).insert(EMPTY));
        b.fn(Wasi.CLI_ENVIRONMENT, "get-environment", "func() -> list<tuple<string, string>>", (c, a) -> {
            List<WitValue> out = new ArrayList<>();
            for (Map.Entry<String, String> e : c.state(WasiState.KEY).environment()) {
                out.add(WitValue.tuple(WitValue.string(e.getKey()), WitValue.string(e.getValue())));
            }
            return WitValue.list(out);
        });
        b.fn(Wasi.CLI_ENVIRONMENT, "get-arguments", "func() -> list<string>", (c, a) -> WitValue.list(List.of()));
        b.fn(Wasi.CLI_ENVIRONMENT, "initial-cwd", "func() -> option<string>", (c, a) -> WitValue.none());
        b.fn(Wasi.CLI_EXIT, "exit", "func(status: result)", (c, a) -> {
            throw Trap.exit(((WitValue.ResultValue) a.get(0)).ok() ? 0 : 1);
        });
        b.resource(Wasi.CLI_TERMINAL_INPUT, Wasi.TERMINAL_INPUT, null);
        b.resource(Wasi.CLI_TERMINAL_OUTPUT, Wasi.TERMINAL_OUTPUT, null);
        b.fn(Wasi.CLI_TERMINAL_STDIN, "get-terminal-stdin", "func() -> option<own<terminal-input>>", (c, a) -> WitValue.none());
        b.fn(Wasi.CLI_TERMINAL_STDOUT, "get-terminal-stdout", "func() -> option<own<terminal-output>>", (c, a) -> WitValue.none());
        b.fn(Wasi.CLI_TERMINAL_STDERR, "get-terminal-stderr", "func() -> option<own<terminal-output>>", (c, a) -> WitValue.none());
    }
}
