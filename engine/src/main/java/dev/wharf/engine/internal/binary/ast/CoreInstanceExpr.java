package dev.wharf.engine.internal.binary.ast;

import java.util.List;

/** A core instance definition: instantiate a core module, or bundle core items. */
public sealed interface CoreInstanceExpr {
    int offset();

    record Instantiate(int moduleIndex, List<Arg> args, int offset) implements CoreInstanceExpr {}

    /** {@code (with "name" (instance i))}. */
    record Arg(String name, int instanceIndex) {}

    record InlineExports(List<CoreExport> exports, int offset) implements CoreInstanceExpr {}

    record CoreExport(String name, SortIdx target) {}
}
