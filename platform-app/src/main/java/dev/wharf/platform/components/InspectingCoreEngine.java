package dev.wharf.platform.components;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wharf.engine.core.CompileCacheStats;
import dev.wharf.engine.core.CompileOrigin;
import dev.wharf.engine.core.CoreEngine;
import dev.wharf.engine.core.CoreExportDescriptor;
import dev.wharf.engine.core.CoreImportDescriptor;
import dev.wharf.engine.core.CoreImports;
import dev.wharf.engine.core.CoreInstance;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.core.CoreModule;
import dev.wharf.engine.core.CoreModuleException;
import dev.wharf.engine.core.ExternKind;
import dev.wharf.engine.core.FuncType;
import dev.wharf.engine.core.ValueType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A core engine that parses and validates core modules but compiles nothing: planning a component on it, then
 * linking the plan, checks a whole upload (component structure, core modules, every import against the platform's
 * host functions) in a fraction of a compile's time. Its modules cannot be instantiated. Compilation proper happens
 * afterwards, asynchronously, on the platform engine ({@link ComponentCompiler}).
 */
final class InspectingCoreEngine implements CoreEngine {

    @Override
    public CoreModule compile(byte[] wasm) {
        WasmModule module;
        try {
            module = Parser.parse(wasm);
        } catch (InvalidException e) {
            throw new CoreModuleException(CoreModuleException.Kind.INVALID, e.getMessage(), e);
        } catch (ChicoryException e) {
            throw new CoreModuleException(CoreModuleException.Kind.MALFORMED, e.getMessage(), e);
        }
        return new Inspected(sha256(wasm), imports(module), exports(module));
    }

    @Override
    public CompileCacheStats cacheStats() {
        return new CompileCacheStats(0, 0, 0, 0);
    }

    @Override
    public void close() {}

    private record Inspected(String digest, List<CoreImportDescriptor> imports, List<CoreExportDescriptor> exports)
            implements CoreModule {
        @Override
        public CompileOrigin origin() {
            return CompileOrigin.COMPILED;
        }

        @Override
        public Set<Integer> interpretedFunctions() {
            return Set.of();
        }

        @Override
        public CoreInstance instantiate(CoreImports imports, CoreLimits limits) {
            throw new UnsupportedOperationException("an inspected module is not compiled");
        }
    }

    private static List<CoreImportDescriptor> imports(WasmModule module) {
        List<CoreImportDescriptor> out = new ArrayList<>();
        var section = module.importSection();
        for (int i = 0; i < section.importCount(); i++) {
            var imp = section.getImport(i);
            FuncType type = imp instanceof FunctionImport f ? funcType(module.typeSection().getType(f.typeIndex())) : null;
            out.add(new CoreImportDescriptor(imp.module(), imp.name(), kind(imp.importType()), type));
        }
        return List.copyOf(out);
    }

    private static List<CoreExportDescriptor> exports(WasmModule module) {
        List<CoreExportDescriptor> out = new ArrayList<>();
        var section = module.exportSection();
        int importedFunctions = module.importSection().count(ExternalType.FUNCTION);
        for (int i = 0; i < section.exportCount(); i++) {
            var export = section.getExport(i);
            FuncType type = null;
            if (export.exportType() == ExternalType.FUNCTION) {
                type = funcType(module.typeSection().getType(functionTypeIndex(module, export.index(), importedFunctions)));
            }
            out.add(new CoreExportDescriptor(export.name(), kind(export.exportType()), type));
        }
        return List.copyOf(out);
    }

    private static int functionTypeIndex(WasmModule module, int functionIndex, int importedFunctions) {
        if (functionIndex >= importedFunctions) {
            return module.functionSection().getFunctionType(functionIndex - importedFunctions);
        }
        int seen = 0;
        var section = module.importSection();
        for (int i = 0; i < section.importCount(); i++) {
            if (section.getImport(i) instanceof FunctionImport function && seen++ == functionIndex) {
                return function.typeIndex();
            }
        }
        throw new CoreModuleException(CoreModuleException.Kind.INVALID, "function index out of range: " + functionIndex);
    }

    private static FuncType funcType(FunctionType type) {
        return FuncType.of(valueTypes(type.params()), valueTypes(type.returns()));
    }

    private static List<ValueType> valueTypes(List<ValType> types) {
        List<ValueType> out = new ArrayList<>(types.size());
        for (ValType t : types) {
            out.add(valueType(t));
        }
        return out;
    }

    private static ValueType valueType(ValType type) {
        if (type.equals(ValType.I32)) {
            return ValueType.I32;
        } else if (type.equals(ValType.I64)) {
            return ValueType.I64;
        } else if (type.equals(ValType.F32)) {
            return ValueType.F32;
        } else if (type.equals(ValType.F64)) {
            return ValueType.F64;
        } else if (type.equals(ValType.V128)) {
            return ValueType.V128;
        } else if (type.equals(ValType.ExternRef)) {
            return ValueType.EXTERNREF;
        } else if (type.isReference()) {
            return ValueType.FUNCREF;
        }
        throw new CoreModuleException(CoreModuleException.Kind.INVALID, "unsupported value type " + type);
    }

    private static ExternKind kind(ExternalType type) {
        return switch (type) {
            case FUNCTION -> ExternKind.FUNCTION;
            case TABLE -> ExternKind.TABLE;
            case MEMORY -> ExternKind.MEMORY;
            case GLOBAL -> ExternKind.GLOBAL;
            case TAG -> ExternKind.TAG;
        };
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
