package dev.wharf.wasi.http;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.CallDeadline;
import dev.wharf.engine.core.Watchdog;
import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.http.internal.glue.Wasi;
import dev.wharf.wasi.http.internal.glue.WasiState;
import java.time.Duration;

/**
 * One {@code incoming-handler.handle} call for one exchange on one instance (fresh or pooled), and
 * whether the instance came out of it fit for reuse.
 *
 * <p>The deadline watchdog and {@link HttpExchange#abandon()} interrupt this call only, by its
 * engine call epoch ({@link ComponentInstance#interruptCall}): the engine keeps such an interrupt
 * until the call ends and drops it afterwards, so a late abandon or deadline cannot stop the next
 * request's call on a pooled instance, and one that arrives before the call starts stops it at once.
 */
final class GuestCall {
    private final ComponentInstance instance;
    private boolean started;
    private boolean returnedNormally;

    GuestCall(ComponentInstance instance) {
        this.instance = instance;
    }

    /**
     * Sets {@code state} on the instance, inserts the exchange's request and outparam and calls the
     * handler under {@code deadline} ({@code null}: none). {@code exit(ok)} returns normally.
     *
     * @throws Trap the guest trapped, ran out of time, or was interrupted by an abandon
     * @throws GuestExitException the guest called {@code exit(err)}
     */
    void run(String handler, HttpExchange exchange, WasiState state, Duration deadline) {
        if (exchange.isAbandoned()) {
            throw new Trap(TrapReason.INTERRUPTED, "the client went away before the guest started");
        }
        instance.setState(WasiState.KEY, state);
        WitValue request = instance.resources(Wasi.INCOMING_REQUEST).insert(exchange.request());
        WitValue outparam = instance.resources(Wasi.RESPONSE_OUTPARAM).insert(exchange.outparam());
        long call = instance.callEpoch(); // the call about to start
        started = true;
        exchange.whenAbandoned(() -> instance.interruptCall(call, TrapReason.INTERRUPTED));
        try (CallDeadline d = deadline == null ? null : Watchdog.shared().arm(instance, deadline)) {
            instance.function(handler, "handle").call(request, outparam);
            returnedNormally = true;
        } catch (Trap t) {
            GuestExitException exit = exitOf(t);
            if (exit == null) {
                throw t;
            }
            if (exit.status() != 0) {
                throw exit;
            }
        }
    }

    /**
     * Whether the instance may serve another request after a reset: the handler returned normally
     * (no trap, no exit, no host failure) or never started (the client had gone). An interrupt
     * that reached the call made it fail, so a normal return means nothing interrupted it.
     */
    boolean leftInstanceReusable() {
        return (returnedNormally || !started) && !instance.isPoisoned();
    }

    /**
     * The guest's {@code exit} (a {@link TrapReason#EXIT} trap, or a {@link GuestExitException} a host function threw)
     * as this host's outcome, or null for a real trap.
     */
    private static GuestExitException exitOf(Trap t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof Trap trap && trap.exitStatus().isPresent()) {
                return new GuestExitException(trap.exitStatus().getAsInt());
            }
            if (c instanceof GuestExitException e) { // thrown by a host function of another plugin
                return e;
            }
        }
        return null;
    }
}
