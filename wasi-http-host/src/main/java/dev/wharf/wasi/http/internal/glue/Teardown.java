package dev.wharf.wasi.http.internal.glue;

import dev.wharf.wasi.http.internal.io.WasiTrap;
import java.util.function.Consumer;

/**
 * Destructors run both when the guest drops a handle (where a broken rule, such as dropping a body
 * before its stream, must trap) and when the instance closes with objects still in its tables (where
 * the order across tables is arbitrary and nothing may trap). {@link #closing} marks the second case
 * for the thread closing the instance.
 */
public final class Teardown {
    private static final ThreadLocal<Boolean> CLOSING = new ThreadLocal<>();

    private Teardown() {}

    /** Runs {@code close} (the instance's close) with destructors in teardown mode. */
    public static void closing(Runnable close) {
        CLOSING.set(Boolean.TRUE);
        try {
            close.run();
        } finally {
            CLOSING.remove();
        }
    }

    /** A destructor that traps on broken rules for guest drops and ignores them during teardown. */
    static <T> Consumer<T> lenientOnClose(Consumer<T> destructor) {
        return object -> {
            try {
                destructor.accept(object);
            } catch (WasiTrap e) {
                if (CLOSING.get() == null) {
                    throw e;
                }
            }
        };
    }
}
