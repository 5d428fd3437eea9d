package dev.wharf.engine.internal.binary.ast;

import java.util.Optional;

/** An {@code externtype}: the type ascribed to an import or export. */
public sealed interface ExternDesc {
    Sort sort();

    record CoreModule(int coreTypeIndex) implements ExternDesc {
        public Sort sort() {
            return Sort.CORE_MODULE;
        }
    }

    record Func(int typeIndex) implements ExternDesc {
        public Sort sort() {
            return Sort.FUNC;
        }
    }

    /** Value import/export (🪙); parsed, rejected by validation. Either {@code eqValue} or {@code type} is set. */
    record Value(Optional<Integer> eqValue, Optional<ValTypeRef> type) implements ExternDesc {
        public Sort sort() {
            return Sort.VALUE;
        }
    }

    /** {@code (type (eq i))} when {@code eq} is present, else {@code (type (sub resource))}. */
    record Type(Optional<Integer> eq) implements ExternDesc {
        public Sort sort() {
            return Sort.TYPE;
        }
    }

    record Component(int typeIndex) implements ExternDesc {
        public Sort sort() {
            return Sort.COMPONENT;
        }
    }

    record Instance(int typeIndex) implements ExternDesc {
        public Sort sort() {
            return Sort.INSTANCE;
        }
    }
}
