package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.http.internal.io.IoError;

/** {@code wasi:io/error}: {@code error} is an {@link IoError}. */
public final class ErrorBindings {
    private ErrorBindings() {}

    public static void register(Binder b) {
        b.resource(Wasi.IO_ERROR, Wasi.ERROR, null);
        b.fn(Wasi.IO_ERROR, "[method]error.to-debug-string", "func(self: borrow<error>) -> string",
                (c, a) -> WitValue.string(c.<IoError>resources(Wasi.ERROR).get(a.get(0)).debugString()));
    }
}
