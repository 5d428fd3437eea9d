package dev.wharf.wasi.keyvalue.internal;

import dev.wharf.engine.types.ListType;
import dev.wharf.engine.types.OptionType;
import dev.wharf.engine.types.PrimitiveType;
import dev.wharf.engine.types.RecordType;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.types.ValType;
import dev.wharf.engine.types.VariantType;
import java.util.List;
import java.util.Optional;

/**
 * The two wasi:keyvalue drafts served side by side. Pre-release versions only match exactly, so each import
 * reaches its own definitions: {@code 0.2.0-draft2} (current WebAssembly/wasi-keyvalue: string cursor, s64
 * increment, cas) and {@code 0.2.0-draft} (wasmtime, wasmCloud: u64 cursor, u64 increment, no cas). Each
 * version has its own resource types.
 */
public enum KvVersion {
    DRAFT("0.2.0-draft", PrimitiveType.U64, PrimitiveType.U64, false),
    DRAFT2("0.2.0-draft2", PrimitiveType.STRING, PrimitiveType.S64, true);

    public final String version;
    public final String store;
    public final String atomics;
    public final String batch;
    public final ValType cursor;
    public final ValType counter;
    public final boolean hasCas;
    public final ResourceType bucket = ResourceType.host("bucket");
    public final ResourceType cas = ResourceType.host("cas");
    public final VariantType error = new VariantType(List.of(
            new VariantType.Case("no-such-store", Optional.empty()),
            new VariantType.Case("access-denied", Optional.empty()),
            new VariantType.Case("other", Optional.of(PrimitiveType.STRING))));
    public final RecordType keyResponse;

    KvVersion(String version, ValType cursor, ValType counter, boolean hasCas) {
        this.version = version;
        this.store = "wasi:keyvalue/store@" + version;
        this.atomics = "wasi:keyvalue/atomics@" + version;
        this.batch = "wasi:keyvalue/batch@" + version;
        this.cursor = cursor;
        this.counter = counter;
        this.hasCas = hasCas;
        this.keyResponse = new RecordType(List.of(
                new RecordType.Field("keys", new ListType(PrimitiveType.STRING)),
                new RecordType.Field("cursor", new OptionType(cursor))));
    }
}
