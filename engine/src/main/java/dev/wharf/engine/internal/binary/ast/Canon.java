package dev.wharf.engine.internal.binary.ast;

import java.util.List;

/** A canonical definition (section 8). */
public sealed interface Canon {
    int offset();

    /** The sort this definition adds to: {@link Sort#FUNC} for lift, {@link Sort#CORE_FUNC} otherwise. */
    default Sort produces() {
        return Sort.CORE_FUNC;
    }

    record Lift(int coreFuncIndex, List<CanonOpt> options, int typeIndex, int offset) implements Canon {
        @Override
        public Sort produces() {
            return Sort.FUNC;
        }
    }

    record Lower(int funcIndex, List<CanonOpt> options, int offset) implements Canon {}

    record ResourceNew(int typeIndex, int offset) implements Canon {}

    /** {@code resource.drop}; {@code async} is the legacy 0x07 async form. */
    record ResourceDrop(int typeIndex, boolean async, int offset) implements Canon {}

    record ResourceRep(int typeIndex, int offset) implements Canon {}

    /**
     * Any other built-in (async, streams, futures, error-context, waitable sets, threads, context):
     * kept by name with its raw immediates, rejected by validation as not supported yet.
     */
    record Builtin(String name, List<Long> immediates, List<CanonOpt> options, int offset) implements Canon {}
}
