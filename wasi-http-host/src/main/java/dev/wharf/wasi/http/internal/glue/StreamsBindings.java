package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.Caller;
import dev.wharf.engine.DropReason;
import dev.wharf.engine.core.CoreMemory;
import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.http.internal.io.StreamErrorException;
import dev.wharf.wasi.http.internal.io.WasiInputStream;
import dev.wharf.wasi.http.internal.io.WasiOutputStream;

/**
 * {@code wasi:io/streams}: {@code input-stream} is a {@link WasiInputStream}, {@code output-stream} a
 * {@link WasiOutputStream}; dropping either closes it. {@code read}, {@code blocking-read},
 * {@code write} and {@code blocking-write-and-flush} are raw functions copying bytes straight
 * between guest memory and the stream.
 *
 * <p>Raw results ({@code result<_, stream-error>} and {@code result<list<u8>, stream-error>}) are
 * 12 bytes at the return pointer: the result discriminant, then at offset 4 either the list
 * (pointer, length) or the {@code stream-error} (discriminant, then the error handle at offset 8).
 * A raw function cannot lower a new {@code own<error>} handle (the engine's {@code Caller} has no such
 * operation), so a {@code last-operation-failed} raised there reaches the guest as {@code closed}; the
 * lifted functions report it in full.
 */
public final class StreamsBindings {
    private static final String SE = "stream-error";

    private StreamsBindings() {}

    public static void register(Binder b) {
        String io = Wasi.IO_STREAMS;
        // closing a stream has no rule to break: the same for a guest drop and a teardown
        b.resource(io, Wasi.INPUT_STREAM, (WasiInputStream s, DropReason why) -> s.close());
        b.resource(io, Wasi.OUTPUT_STREAM, (WasiOutputStream s, DropReason why) -> s.close());

        b.raw(io, "[method]input-stream.read", "func(self: borrow<input-stream>, len: u64) -> result<list<u8>, " + SE + ">",
                (c, a) -> read(c, a, false));
        b.raw(io, "[method]input-stream.blocking-read", "func(self: borrow<input-stream>, len: u64) -> result<list<u8>, " + SE + ">",
                (c, a) -> read(c, a, true));
        b.fn(io, "[method]input-stream.skip", "func(self: borrow<input-stream>, len: u64) -> result<u64, " + SE + ">",
                (c, a) -> WitValue.ok(WitValue.u64(in(c, a.get(0)).skip(Values.u64(a.get(1))))));
        b.fn(io, "[method]input-stream.blocking-skip", "func(self: borrow<input-stream>, len: u64) -> result<u64, " + SE + ">",
                (c, a) -> WitValue.ok(WitValue.u64(in(c, a.get(0)).blockingSkip(Values.u64(a.get(1))))));
        b.fn(io, "[method]input-stream.subscribe", "func(self: borrow<input-stream>) -> own<pollable>",
                (c, a) -> c.resources(Wasi.POLLABLE).insert(in(c, a.get(0)).subscribe()));

        b.fn(io, "[method]output-stream.check-write", "func(self: borrow<output-stream>) -> result<u64, " + SE + ">",
                (c, a) -> WitValue.ok(WitValue.u64(out(c, a.get(0)).checkWrite())));
        b.raw(io, "[method]output-stream.write", "func(self: borrow<output-stream>, contents: list<u8>) -> result<_, " + SE + ">",
                (c, a) -> write(c, a, false));
        b.raw(io, "[method]output-stream.blocking-write-and-flush",
                "func(self: borrow<output-stream>, contents: list<u8>) -> result<_, " + SE + ">", (c, a) -> write(c, a, true));
        b.fn(io, "[method]output-stream.flush", "func(self: borrow<output-stream>) -> result<_, " + SE + ">", (c, a) -> {
            out(c, a.get(0)).flush();
            return WitValue.ok();
        });
        b.fn(io, "[method]output-stream.blocking-flush", "func(self: borrow<output-stream>) -> result<_, " + SE + ">", (c, a) -> {
            out(c, a.get(0)).blockingFlush();
            return WitValue.ok();
        });
        b.fn(io, "[method]output-stream.subscribe", "func(self: borrow<output-stream>) -> own<pollable>",
                (c, a) -> c.resources(Wasi.POLLABLE).insert(out(c, a.get(0)).subscribe()));
        b.fn(io, "[method]output-stream.write-zeroes", "func(self: borrow<output-stream>, len: u64) -> result<_, " + SE + ">", (c, a) -> {
            out(c, a.get(0)).writeZeroes(Values.u64(a.get(1)));
            return WitValue.ok();
        });
        b.fn(io, "[method]output-stream.blocking-write-zeroes-and-flush",
                "func(self: borrow<output-stream>, len: u64) -> result<_, " + SE + ">", (c, a) -> {
                    out(c, a.get(0)).blockingWriteZeroesAndFlush(Values.u64(a.get(1)));
                    return WitValue.ok();
                });
        b.fn(io, "[method]output-stream.splice",
                "func(self: borrow<output-stream>, src: borrow<input-stream>, len: u64) -> result<u64, " + SE + ">",
                (c, a) -> WitValue.ok(WitValue.u64(out(c, a.get(0)).splice(in(c, a.get(1)), Values.u64(a.get(2))))));
        b.fn(io, "[method]output-stream.blocking-splice",
                "func(self: borrow<output-stream>, src: borrow<input-stream>, len: u64) -> result<u64, " + SE + ">",
                (c, a) -> WitValue.ok(WitValue.u64(out(c, a.get(0)).blockingSplice(in(c, a.get(1)), Values.u64(a.get(2))))));
    }

    private static WasiInputStream in(Caller c, WitValue handle) {
        return c.<WasiInputStream>resources(Wasi.INPUT_STREAM).get(handle);
    }

    private static WasiOutputStream out(Caller c, WitValue handle) {
        return c.<WasiOutputStream>resources(Wasi.OUTPUT_STREAM).get(handle);
    }

    /** Flat: self, len (i64), return pointer. */
    private static long[] read(Caller c, long[] a, boolean blocking) throws InterruptedException {
        WasiInputStream in = c.handle(Wasi.INPUT_STREAM, (int) a[0]);
        int ret = (int) a[2];
        CoreMemory memory = c.memory();
        try {
            byte[] bytes = blocking ? in.blockingRead(a[1]) : in.read(a[1]);
            int ptr = bytes.length == 0 ? 1 : c.realloc(0, 0, 1, bytes.length);
            if (bytes.length > 0) {
                memory.writeBytes(ptr, bytes);
            }
            memory.writeByte(ret, (byte) 0);
            memory.writeInt(ret + 4, ptr);
            memory.writeInt(ret + 8, bytes.length);
        } catch (StreamErrorException e) {
            closed(memory, ret);
        }
        return new long[0];
    }

    /** Flat: self, contents (pointer, length), return pointer. */
    private static long[] write(Caller c, long[] a, boolean blocking) throws InterruptedException {
        WasiOutputStream out = c.handle(Wasi.OUTPUT_STREAM, (int) a[0]);
        int ret = (int) a[3];
        CoreMemory memory = c.memory();
        try {
            byte[] contents = memory.readBytes((int) a[1], (int) a[2]);
            if (blocking) {
                out.blockingWriteAndFlush(contents);
            } else {
                out.write(contents);
            }
            memory.writeByte(ret, (byte) 0);
        } catch (StreamErrorException e) {
            closed(memory, ret);
        }
        return new long[0];
    }

    private static void closed(CoreMemory memory, int ret) {
        memory.writeByte(ret, (byte) 1);
        memory.writeByte(ret + 4, (byte) 1);
    }
}
