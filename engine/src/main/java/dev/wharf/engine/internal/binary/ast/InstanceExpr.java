package dev.wharf.engine.internal.binary.ast;

import java.util.List;

/** A component instance definition: instantiate a component, or bundle items. */
public sealed interface InstanceExpr {
    int offset();

    record Instantiate(int componentIndex, List<Arg> args, int offset) implements InstanceExpr {}

    record Arg(String name, SortIdx target) {}

    record InlineExports(List<Export> exports, int offset) implements InstanceExpr {}

    record Export(ExternName name, SortIdx target) {}
}
