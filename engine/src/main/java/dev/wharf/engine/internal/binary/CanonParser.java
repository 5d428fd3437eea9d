package dev.wharf.engine.internal.binary;

import dev.wharf.engine.internal.binary.ast.Canon;
import dev.wharf.engine.internal.binary.ast.CanonOpt;
import java.util.ArrayList;
import java.util.List;

/** Decodes canonical definitions and their options (Binary.md {@code canon}, {@code canonopt}). */
final class CanonParser {
    private CanonParser() {}

    static Canon readCanon(BinaryReader s) {
        int at = s.offset();
        int op = s.readByte("canonical definition opcode");
        return switch (op) {
            case 0x00 -> {
                expectZero(s, "canon lift core func sort");
                int f = s.readIndex("core func index");
                List<CanonOpt> opts = readOpts(s);
                yield new Canon.Lift(f, opts, s.readIndex("type index"), at);
            }
            case 0x01 -> {
                expectZero(s, "canon lower func sort");
                int f = s.readIndex("func index");
                yield new Canon.Lower(f, readOpts(s), at);
            }
            case 0x02 -> new Canon.ResourceNew(s.readIndex("resource type index"), at);
            case 0x03 -> new Canon.ResourceDrop(s.readIndex("resource type index"), false, at);
            case 0x07 -> new Canon.ResourceDrop(s.readIndex("resource type index"), true, at);
            case 0x04 -> new Canon.ResourceRep(s.readIndex("resource type index"), at);
            case 0x24 -> builtin("backpressure.inc", at);
            case 0x25 -> builtin("backpressure.dec", at);
            case 0x08 -> new Canon.Builtin("backpressure.set", List.of(), List.of(), at);
            case 0x09 -> {
                // resultlist then opts
                int rAt = s.offset();
                int b = s.readByte("task.return result list");
                List<Long> imm = new ArrayList<>();
                if (b == 0x00) {
                    imm.add(s.readSigned(33, "task.return result type"));
                } else if (b == 0x01) {
                    expectZero(s, "task.return empty result list");
                } else {
                    throw s.error("expected result list 0x00 or 0x01, found 0x" + Integer.toHexString(b), rAt);
                }
                yield new Canon.Builtin("task.return", imm, readOpts(s), at);
            }
            case 0x05 -> builtin("task.cancel", at);
            case 0x0a, 0x0b -> {
                int t = s.readByte("context core value type");
                long i = s.readU32("context slot index");
                yield new Canon.Builtin(op == 0x0a ? "context.get" : "context.set", List.of((long) t, i), List.of(), at);
            }
            case 0x06 -> new Canon.Builtin("subtask.cancel", List.of(flag(s, "async")), List.of(), at);
            case 0x0d -> builtin("subtask.drop", at);
            case 0x0e -> typed(s, "stream.new", at);
            case 0x0f -> typedOpts(s, "stream.read", at);
            case 0x10 -> typedOpts(s, "stream.write", at);
            case 0x11 -> typedFlag(s, "stream.cancel-read", at);
            case 0x12 -> typedFlag(s, "stream.cancel-write", at);
            case 0x13 -> typed(s, "stream.drop-readable", at);
            case 0x14 -> typed(s, "stream.drop-writable", at);
            case 0x15 -> typed(s, "future.new", at);
            case 0x16 -> typedOpts(s, "future.read", at);
            case 0x17 -> typedOpts(s, "future.write", at);
            case 0x18 -> typedFlag(s, "future.cancel-read", at);
            case 0x19 -> typedFlag(s, "future.cancel-write", at);
            case 0x1a -> typed(s, "future.drop-readable", at);
            case 0x1b -> typed(s, "future.drop-writable", at);
            case 0x1c -> new Canon.Builtin("error-context.new", List.of(), readOpts(s), at);
            case 0x1d -> new Canon.Builtin("error-context.debug-message", List.of(), readOpts(s), at);
            case 0x1e -> builtin("error-context.drop", at);
            case 0x1f -> builtin("waitable-set.new", at);
            case 0x20, 0x21 -> {
                long cancel = flag(s, "cancellable");
                long mem = s.readU32("core memory index");
                yield new Canon.Builtin(op == 0x20 ? "waitable-set.wait" : "waitable-set.poll", List.of(cancel, mem), List.of(), at);
            }
            case 0x22 -> builtin("waitable-set.drop", at);
            case 0x23 -> builtin("waitable.join", at);
            case 0x26 -> builtin("thread.index", at);
            case 0x27 -> new Canon.Builtin("thread.new-indirect", List.of(s.readU32("core type index"), s.readU32("core table index")), List.of(), at);
            case 0x28 -> builtin("thread.resume-later", at);
            case 0x29 -> new Canon.Builtin("thread.suspend", List.of(flag(s, "cancellable")), List.of(), at);
            case 0x0c -> new Canon.Builtin("thread.yield", List.of(flag(s, "cancellable")), List.of(), at);
            case 0x2a -> new Canon.Builtin("thread.suspend-then-resume", List.of(flag(s, "cancellable")), List.of(), at);
            case 0x2b -> new Canon.Builtin("thread.yield-then-resume", List.of(flag(s, "cancellable")), List.of(), at);
            case 0x2c -> new Canon.Builtin("thread.suspend-then-promote", List.of(flag(s, "cancellable")), List.of(), at);
            case 0x2d -> new Canon.Builtin("thread.yield-then-promote", List.of(flag(s, "cancellable")), List.of(), at);
            case 0x40 -> new Canon.Builtin("thread.spawn-ref", List.of(flag(s, "shared"), s.readU32("core type index")), List.of(), at);
            case 0x41 -> new Canon.Builtin("thread.spawn-indirect", List.of(flag(s, "shared"), s.readU32("core type index"), s.readU32("core table index")), List.of(), at);
            case 0x42 -> new Canon.Builtin("thread.available-parallelism", List.of(flag(s, "shared")), List.of(), at);
            default -> throw s.error("expected a canonical definition opcode, found 0x" + Integer.toHexString(op), at);
        };
    }

    private static Canon builtin(String name, int at) {
        return new Canon.Builtin(name, List.of(), List.of(), at);
    }

    private static Canon typed(BinaryReader s, String name, int at) {
        return new Canon.Builtin(name, List.of(s.readU32("type index")), List.of(), at);
    }

    private static Canon typedOpts(BinaryReader s, String name, int at) {
        long t = s.readU32("type index");
        return new Canon.Builtin(name, List.of(t), readOpts(s), at);
    }

    private static Canon typedFlag(BinaryReader s, String name, int at) {
        long t = s.readU32("type index");
        return new Canon.Builtin(name, List.of(t, flag(s, "async")), List.of(), at);
    }

    private static long flag(BinaryReader s, String what) {
        return ComponentBinaryParser.readOptionalFlag(s, what + " flag") ? 1 : 0;
    }

    private static void expectZero(BinaryReader s, String what) {
        int at = s.offset();
        int b = s.readByte(what);
        if (b != 0) {
            throw s.error("expected 0x00 (" + what + "), found 0x" + Integer.toHexString(b), at);
        }
    }

    static List<CanonOpt> readOpts(BinaryReader s) {
        int n = s.readCount("canonical options", 1);
        List<CanonOpt> opts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int at = s.offset();
            int b = s.readByte("canonical option");
            opts.add(switch (b) {
                case 0x00 -> new CanonOpt.StringEncoding(CanonOpt.Encoding.UTF8);
                case 0x01 -> new CanonOpt.StringEncoding(CanonOpt.Encoding.UTF16);
                case 0x02 -> new CanonOpt.StringEncoding(CanonOpt.Encoding.LATIN1_UTF16);
                case 0x03 -> new CanonOpt.Memory(s.readIndex("core memory index"));
                case 0x04 -> new CanonOpt.Realloc(s.readIndex("core func index"));
                case 0x05 -> new CanonOpt.PostReturn(s.readIndex("core func index"));
                case 0x06 -> new CanonOpt.Async();
                case 0x07 -> new CanonOpt.Callback(s.readIndex("core func index"));
                default -> throw s.error("expected a canonical option 0x00..0x07, found 0x" + Integer.toHexString(b), at);
            });
        }
        return opts;
    }
}
