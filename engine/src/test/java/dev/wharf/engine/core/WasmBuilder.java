package dev.wharf.engine.core;

import dev.wharf.engine.testing.Leb128;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles small core modules for tests, straight to the binary format. (Chicory's wat2wasm
 * artifact is not available from the package registry this project builds against, so tests spell
 * modules with this builder; each call maps one-to-one to a WAT construct.)
 */
public final class WasmBuilder {

    public static final byte I32 = 0x7f;
    public static final byte I64 = 0x7e;
    public static final byte F32 = 0x7d;
    public static final byte F64 = 0x7c;
    public static final byte FUNCREF = 0x70;

    public static final int KIND_FUNC = 0;
    public static final int KIND_TABLE = 1;
    public static final int KIND_MEMORY = 2;
    public static final int KIND_GLOBAL = 3;

    private final List<byte[]> types = new ArrayList<>();
    private final List<byte[]> imports = new ArrayList<>();
    private final List<byte[]> functions = new ArrayList<>(); // type index per defined function
    private final List<byte[]> bodies = new ArrayList<>();
    private final List<byte[]> tables = new ArrayList<>();
    private final List<byte[]> memories = new ArrayList<>();
    private final List<byte[]> globals = new ArrayList<>();
    private final List<byte[]> exports = new ArrayList<>();
    private final List<byte[]> elements = new ArrayList<>();
    private final List<byte[]> data = new ArrayList<>();
    private Integer start;
    private int importedFunctions;
    private int importedGlobals;
    private int importedTables;
    private int importedMemories;

    public static byte[] types(byte... types) {
        return types;
    }

    /** Index of the function type (params) -> (results), added if new. */
    public int type(byte[] params, byte[] results) {
        var out = new ByteArrayOutputStream();
        out.write(0x60);
        vecBytes(out, params);
        vecBytes(out, results);
        var encoded = out.toByteArray();
        for (int i = 0; i < types.size(); i++) {
            if (java.util.Arrays.equals(types.get(i), encoded)) {
                return i;
            }
        }
        types.add(encoded);
        return types.size() - 1;
    }

    public int importFunction(String module, String name, byte[] params, byte[] results) {
        var out = importHeader(module, name);
        out.write(0x00);
        u32(out, type(params, results));
        imports.add(out.toByteArray());
        return importedFunctions++;
    }

    public int importMemory(String module, String name, int min, Integer max) {
        var out = importHeader(module, name);
        out.write(0x02);
        limits(out, min, max);
        imports.add(out.toByteArray());
        return importedMemories++;
    }

    public int importGlobal(String module, String name, byte type, boolean mutable) {
        var out = importHeader(module, name);
        out.write(0x03);
        out.write(type);
        out.write(mutable ? 1 : 0);
        imports.add(out.toByteArray());
        return importedGlobals++;
    }

    public int importTable(String module, String name, int min, Integer max) {
        var out = importHeader(module, name);
        out.write(0x01);
        out.write(FUNCREF);
        limits(out, min, max);
        imports.add(out.toByteArray());
        return importedTables++;
    }

    /** Defines a function; returns its index in the function index space. */
    public int function(byte[] params, byte[] results, byte[] locals, Code body) {
        var typeOut = new ByteArrayOutputStream();
        u32(typeOut, type(params, results));
        functions.add(typeOut.toByteArray());
        var out = new ByteArrayOutputStream();
        u32(out, locals.length);
        for (byte local : locals) {
            u32(out, 1);
            out.write(local);
        }
        out.writeBytes(body.bytes());
        out.write(0x0b);
        var framed = new ByteArrayOutputStream();
        u32(framed, out.size());
        framed.writeBytes(out.toByteArray());
        bodies.add(framed.toByteArray());
        return importedFunctions + functions.size() - 1;
    }

    public int function(byte[] params, byte[] results, Code body) {
        return function(params, results, new byte[0], body);
    }

    public int memory(int min, Integer max) {
        var out = new ByteArrayOutputStream();
        limits(out, min, max);
        memories.add(out.toByteArray());
        return importedMemories + memories.size() - 1;
    }

    public int table(int min, Integer max) {
        var out = new ByteArrayOutputStream();
        out.write(FUNCREF);
        limits(out, min, max);
        tables.add(out.toByteArray());
        return importedTables + tables.size() - 1;
    }

    public int global(byte type, boolean mutable, Code init) {
        var out = new ByteArrayOutputStream();
        out.write(type);
        out.write(mutable ? 1 : 0);
        out.writeBytes(init.bytes());
        out.write(0x0b);
        globals.add(out.toByteArray());
        return importedGlobals + globals.size() - 1;
    }

    public WasmBuilder export(String name, int kind, int index) {
        var out = new ByteArrayOutputStream();
        name(out, name);
        out.write(kind);
        u32(out, index);
        exports.add(out.toByteArray());
        return this;
    }

    public WasmBuilder exportFunction(String name, int index) {
        return export(name, KIND_FUNC, index);
    }

    /** Marks a function as the module's start function. */
    public WasmBuilder start(int function) {
        this.start = function;
        return this;
    }

    /** An active data segment in memory 0 at a constant offset. */
    public WasmBuilder data(int offset, byte[] bytes) {
        var out = new ByteArrayOutputStream();
        out.write(0x00);
        out.writeBytes(new Code().i32Const(offset).bytes());
        out.write(0x0b);
        u32(out, bytes.length);
        out.writeBytes(bytes);
        data.add(out.toByteArray());
        return this;
    }

    /** An active element segment in table 0 at a constant offset. */
    public WasmBuilder elements(int offset, int... functionIndices) {
        var out = new ByteArrayOutputStream();
        out.write(0x00);
        out.writeBytes(new Code().i32Const(offset).bytes());
        out.write(0x0b);
        u32(out, functionIndices.length);
        for (int f : functionIndices) {
            u32(out, f);
        }
        elements.add(out.toByteArray());
        return this;
    }

    public byte[] build() {
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
        section(out, 1, types);
        section(out, 2, imports);
        section(out, 3, functions);
        section(out, 4, tables);
        section(out, 5, memories);
        section(out, 6, globals);
        section(out, 7, exports);
        if (start != null) {
            var content = new ByteArrayOutputStream();
            u32(content, start);
            out.write(8);
            u32(out, content.size());
            out.writeBytes(content.toByteArray());
        }
        section(out, 9, elements);
        section(out, 10, bodies);
        section(out, 11, data);
        return out.toByteArray();
    }

    private static void section(ByteArrayOutputStream out, int id, List<byte[]> items) {
        if (items.isEmpty()) {
            return;
        }
        var content = new ByteArrayOutputStream();
        u32(content, items.size());
        items.forEach(content::writeBytes);
        out.write(id);
        u32(out, content.size());
        out.writeBytes(content.toByteArray());
    }

    private static ByteArrayOutputStream importHeader(String module, String name) {
        var out = new ByteArrayOutputStream();
        name(out, module);
        name(out, name);
        return out;
    }

    private static void limits(ByteArrayOutputStream out, int min, Integer max) {
        if (max == null) {
            out.write(0x00);
            u32(out, min);
        } else {
            out.write(0x01);
            u32(out, min);
            u32(out, max);
        }
    }

    private static void name(ByteArrayOutputStream out, String name) {
        var bytes = name.getBytes(StandardCharsets.UTF_8);
        u32(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void vecBytes(ByteArrayOutputStream out, byte[] bytes) {
        u32(out, bytes.length);
        out.writeBytes(bytes);
    }

    static void u32(ByteArrayOutputStream out, long value) {
        Leb128.writeUnsigned(out, value);
    }

    static void s64(ByteArrayOutputStream out, long value) {
        Leb128.writeSigned(out, value);
    }

    /** An instruction sequence; method names follow the WAT mnemonics. */
    public static final class Code {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public byte[] bytes() {
            return out.toByteArray();
        }

        public Code op(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        public Code i32Const(int value) {
            out.write(0x41);
            s64(out, value);
            return this;
        }

        public Code i64Const(long value) {
            out.write(0x42);
            s64(out, value);
            return this;
        }

        public Code f32Const(float value) {
            out.write(0x43);
            int bits = Float.floatToRawIntBits(value);
            for (int i = 0; i < 4; i++) {
                out.write((bits >>> (8 * i)) & 0xff);
            }
            return this;
        }

        public Code localGet(int index) {
            return withIndex(0x20, index);
        }

        public Code localSet(int index) {
            return withIndex(0x21, index);
        }

        public Code globalGet(int index) {
            return withIndex(0x23, index);
        }

        public Code globalSet(int index) {
            return withIndex(0x24, index);
        }

        public Code call(int function) {
            return withIndex(0x10, function);
        }

        public Code callIndirect(int typeIndex, int table) {
            withIndex(0x11, typeIndex);
            u32(out, table);
            return this;
        }

        public Code i32Load(int offset) {
            return memarg(0x28, 2, offset);
        }

        public Code i32Store(int offset) {
            return memarg(0x36, 2, offset);
        }

        public Code i32Load8U(int offset) {
            return memarg(0x2d, 0, offset);
        }

        public Code memorySize() {
            return op(0x3f, 0x00);
        }

        public Code memoryGrow() {
            return op(0x40, 0x00);
        }

        public Code tableGrow(int table) {
            op(0xfc);
            u32(out, 15);
            u32(out, table);
            return this;
        }

        public Code tableSize(int table) {
            op(0xfc);
            u32(out, 16);
            u32(out, table);
            return this;
        }

        public Code refNullFunc() {
            return op(0xd0, FUNCREF);
        }

        public Code block() {
            return op(0x02, 0x40);
        }

        public Code loop() {
            return op(0x03, 0x40);
        }

        public Code br(int depth) {
            return withIndex(0x0c, depth);
        }

        public Code brIf(int depth) {
            return withIndex(0x0d, depth);
        }

        public Code end() {
            return op(0x0b);
        }

        public Code unreachable() {
            return op(0x00);
        }

        public Code drop() {
            return op(0x1a);
        }

        public Code i32Add() {
            return op(0x6a);
        }

        public Code i32Sub() {
            return op(0x6b);
        }

        public Code i32Mul() {
            return op(0x6c);
        }

        public Code i32DivS() {
            return op(0x6d);
        }

        public Code i32Eqz() {
            return op(0x45);
        }

        public Code i64Add() {
            return op(0x7c);
        }

        public Code f32Add() {
            return op(0x92);
        }

        public Code f64Add() {
            return op(0xa0);
        }

        private Code withIndex(int opcode, int index) {
            out.write(opcode);
            u32(out, index);
            return this;
        }

        private Code memarg(int opcode, int align, int offset) {
            out.write(opcode);
            u32(out, align);
            u32(out, offset);
            return this;
        }
    }
}
