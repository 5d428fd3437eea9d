package dev.wharf.engine.internal.binary.ast;

import java.util.List;

/** A core type definition inside a component: a core function type or a core module type. */
public sealed interface CoreType {
    int offset();

    /** Core value types are kept as their binary code (0x7f i32, 0x7e i64, 0x7d f32, 0x7c f64, 0x7b v128, 0x70 funcref, 0x6f externref). */
    record Func(List<Integer> params, List<Integer> results, int offset) implements CoreType {}

    record Module(List<ModuleDecl> decls, int offset) implements CoreType {}

    sealed interface ModuleDecl {}

    record ImportDecl(String module, String name, CoreExternDesc desc) implements ModuleDecl {}

    record TypeDecl(CoreType type) implements ModuleDecl {}

    record OuterTypeAlias(int count, int index) implements ModuleDecl {}

    record ExportDecl(String name, CoreExternDesc desc) implements ModuleDecl {}

    /** A core {@code externtype}/{@code importdesc}. */
    sealed interface CoreExternDesc {
        Sort sort();
    }

    record FuncDesc(int typeIndex) implements CoreExternDesc {
        public Sort sort() {
            return Sort.CORE_FUNC;
        }
    }

    record TableDesc(int refType, long min, Long max) implements CoreExternDesc {
        public Sort sort() {
            return Sort.CORE_TABLE;
        }
    }

    record MemoryDesc(long min, Long max, boolean shared, boolean memory64) implements CoreExternDesc {
        public Sort sort() {
            return Sort.CORE_MEMORY;
        }
    }

    record GlobalDesc(int valType, boolean mutable) implements CoreExternDesc {
        public Sort sort() {
            return Sort.CORE_GLOBAL;
        }
    }

    record TagDesc(int typeIndex) implements CoreExternDesc {
        public Sort sort() {
            return Sort.CORE_TAG;
        }
    }
}
