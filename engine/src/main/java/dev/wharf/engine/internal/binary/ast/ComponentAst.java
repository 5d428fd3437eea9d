package dev.wharf.engine.internal.binary.ast;

import java.util.List;

/**
 * A decoded component: its definitions in binary order. {@code start}/{@code end} delimit it inside
 * {@code bytes} (nested components share the outer array).
 */
public record ComponentAst(byte[] bytes, int start, int end, List<Definition> definitions) {
    public ComponentAst {
        definitions = List.copyOf(definitions);
    }

    /** Copy of a core module's bytes. */
    public byte[] coreModuleBytes(Definition.CoreModule module) {
        byte[] out = new byte[module.length()];
        System.arraycopy(bytes, module.moduleOffset(), out, 0, module.length());
        return out;
    }

    @Override
    public String toString() {
        return "ComponentAst[" + definitions.size() + " definitions, bytes " + start + ".." + end + "]";
    }
}
