package dev.wharf.engine.types;

/** Prints one {@code name: type} entry of an import/export list. */
public final class ExternText {
    private ExternText() {}

    public static String entry(String name, Type type) {
        if (type instanceof ResourceType) {
            return name + ": resource";
        }
        if (type instanceof ValType v) {
            return name + ": type = " + v;
        }
        return name + ": " + type;
    }
}
