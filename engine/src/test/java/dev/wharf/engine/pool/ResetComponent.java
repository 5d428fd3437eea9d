package dev.wharf.engine.pool;

import static dev.wharf.engine.types.PrimitiveType.U32;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.DropReason;
import dev.wharf.engine.Engine;
import dev.wharf.engine.Linker;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.StateKey;
import dev.wharf.engine.types.BorrowType;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.OwnType;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.values.WitValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * src/test/resources/pool/reset.wat linked with a host cell resource: every kind of state a reset
 * must undo (memory, a global, a table, handles, host state) can be written by one call and read by
 * the next. Each object records the destructor calls of its linker.
 */
final class ResetComponent {
    static final String CELLS = "wharf:test/cells@1.0.0";
    static final String APP = "wharf:test/reset@1.0.0";
    static final ResourceType CELL = ResourceType.host("cell");
    /** Per-instance host state: cells constructed by this instance (a factory makes a new one). */
    static final StateKey<AtomicInteger> CONSTRUCTED = StateKey.of("cells constructed");
    /** Per-request host state, set by the lease holder. */
    static final StateKey<String> REQUEST = StateKey.of("request");

    /** A host object behind a cell handle. */
    record Cell(int value) {}

    /** A destructor call: which cell, and why. */
    record Destroyed(int value, DropReason reason) {}

    final List<Destroyed> destroyed = new CopyOnWriteArrayList<>();
    /** Runs inside the host constructor, while the guest's call is running: a test's hook into a call. */
    volatile Runnable duringConstruct = () -> {};
    final PreparedComponent prepared;

    ResetComponent(Engine engine) {
        Linker linker = new Linker(engine)
                .defineResource(CELLS, CELL, (Cell c, DropReason why) -> destroyed.add(new Destroyed(c.value(), why)))
                .define(CELLS, "[constructor]cell", new FuncType(List.of(new FuncType.Param("init", U32)), Optional.of(new OwnType(CELL))),
                        (caller, args) -> {
                            caller.state(CONSTRUCTED).incrementAndGet();
                            duringConstruct.run();
                            return caller.resources(CELL).insert(new Cell((int) ((WitValue.U32) args.get(0)).asLong()));
                        })
                .define(CELLS, "[method]cell.get", new FuncType(List.of(new FuncType.Param("self", new BorrowType(CELL))), Optional.of(U32)),
                        (caller, args) -> WitValue.u32(caller.<Cell>resources(CELL).get(args.get(0)).value()))
                // raw: the new cell's own handle is created through the caller and returned as the flat i32
                .defineRaw(CELLS, "make-raw", new FuncType(List.of(new FuncType.Param("init", U32)), Optional.of(new OwnType(CELL))),
                        (caller, args) -> new long[] {caller.newOwnHandle(CELL, new Cell((int) args[0]))});
        prepared = linker.prepare(engine.plan(load()));
    }

    static byte[] load() {
        try (InputStream in = ResetComponent.class.getResourceAsStream("/pool/reset.wasm")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long call(ComponentInstance instance, String function, long... args) {
        WitValue[] values = new WitValue[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = WitValue.u32(args[i]);
        }
        WitValue result = instance.function(APP, function).call(values);
        return result == null ? -1 : ((WitValue.U32) result).asLong();
    }
}
