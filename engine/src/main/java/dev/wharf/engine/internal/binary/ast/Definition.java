package dev.wharf.engine.internal.binary.ast;

import java.util.List;

/** One definition of a component, in binary order (sections flattened). */
public sealed interface Definition {
    int offset();

    /** A custom section: name and payload slice. */
    record Custom(String name, int payloadOffset, int payloadLength, int offset) implements Definition {}

    /** A core module, kept as a slice {@code [moduleOffset, moduleOffset+length)} of the component bytes. */
    record CoreModule(int moduleOffset, int length, int offset) implements Definition {}

    record CoreInstance(CoreInstanceExpr expr, int offset) implements Definition {}

    record CoreTypeDef(CoreType type, int offset) implements Definition {}

    record NestedComponent(ComponentAst component, int offset) implements Definition {}

    record Instance(InstanceExpr expr, int offset) implements Definition {}

    record AliasDef(Alias alias, int offset) implements Definition {}

    record TypeDef(DefType type, int offset) implements Definition {}

    record CanonDef(Canon canon, int offset) implements Definition {}

    /** Start definition (🪙); parsed, rejected by validation. */
    record Start(int funcIndex, List<Integer> args, int results, int offset) implements Definition {}

    record Import(ExternName name, ExternDesc desc, int offset) implements Definition {}

    record Export(ExternName name, SortIdx target, java.util.Optional<ExternDesc> ascribed, int offset) implements Definition {}

    /** A value section (🪙): kept as a raw slice, rejected by validation. */
    record Values(int count, int payloadOffset, int payloadLength, int offset) implements Definition {}
}
