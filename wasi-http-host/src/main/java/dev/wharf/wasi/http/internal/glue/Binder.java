package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.Caller;
import dev.wharf.engine.DropReason;
import dev.wharf.engine.Linker;
import dev.wharf.engine.ResourceDestructor;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.http.internal.body.HttpErrorException;
import dev.wharf.wasi.http.internal.fields.HeaderErrorException;
import dev.wharf.wasi.http.internal.io.StreamErrorException;
import dev.wharf.wasi.http.internal.io.WasiTrap;
import java.util.List;

/**
 * Defines host functions on a {@link Linker} from one-line WIT signatures and turns the plumbing's
 * failures into what the guest sees: the checked carriers of WIT errors become {@code err(...)}
 * values (every function that can raise one returns that error type), {@link WasiTrap} a trap,
 * an interrupted wait the deadline trap.
 */
public final class Binder {
    /** A host function that may throw the plumbing's checked exceptions. */
    @FunctionalInterface
    public interface Fn {
        WitValue call(Caller caller, List<WitValue> args) throws Exception;
    }

    /** A raw host function (flat core arguments) that may throw the plumbing's checked exceptions. */
    @FunctionalInterface
    public interface RawFn {
        long[] call(Caller caller, long[] args) throws Exception;
    }

    private final Linker linker;

    public Binder(Linker linker) {
        this.linker = linker;
    }

    public Binder fn(String iface, String name, String signature, Fn fn) {
        String where = iface + "#" + name;
        linker.define(iface, name, Wasi.TYPES.func(signature), (caller, args) -> {
            try {
                return fn.call(caller, args);
            } catch (StreamErrorException e) {
                return WitValue.err(Values.streamError(caller, e.error()));
            } catch (HeaderErrorException e) {
                return WitValue.err(Values.headerError(e.error()));
            } catch (HttpErrorException e) {
                return WitValue.err(Values.errorCode(e.code()));
            } catch (Exception e) {
                throw failure(where, e);
            }
        });
        return this;
    }

    public Binder raw(String iface, String name, String signature, RawFn fn) {
        String where = iface + "#" + name;
        linker.defineRaw(iface, name, Wasi.TYPES.func(signature), (caller, args) -> {
            try {
                return fn.call(caller, args);
            } catch (Exception e) {
                throw failure(where, e);
            }
        });
        return this;
    }

    /**
     * Defines a table-managed resource. A rule the guest broke in a {@link DropReason#GUEST_DROP} (a body
     * dropped before its stream) traps like a broken rule in a function; in a {@link DropReason#TEARDOWN}
     * (the instance closing or being reset with objects left in its tables, in no particular order) the
     * destructor must release what it holds without checking the guest's rules.
     *
     * @param destructor {@code null} when dropping needs no action
     */
    public <T> Binder resource(String iface, ResourceType type, ResourceDestructor<? super T> destructor) {
        if (destructor == null) {
            linker.defineResource(iface, type, (ResourceDestructor<T>) null);
            return this;
        }
        String where = iface + "#[resource-drop]" + type.name();
        linker.defineResource(iface, type, (T object, DropReason why) -> {
            try {
                destructor.destroy(object, why);
            } catch (RuntimeException e) {
                throw failure(where, e);
            }
        });
        return this;
    }

    static RuntimeException failure(String where, Exception e) {
        return switch (e) {
            case Trap t -> t;
            case WasiTrap t -> new Trap(TrapReason.RESOURCE_RULE, where + ": " + t.getMessage(), t);
            case InterruptedException i -> {
                Thread.currentThread().interrupt(); // the engine reports the deadline if that was the cause
                yield new Trap(TrapReason.INTERRUPTED, where + ": interrupted", i);
            }
            case RuntimeException r -> r;
            default -> new IllegalStateException(where + ": unexpected " + e, e);
        };
    }
}
