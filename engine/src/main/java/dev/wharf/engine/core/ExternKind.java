package dev.wharf.engine.core;

/** What an import or export of a core module is. */
public enum ExternKind {
    FUNCTION,
    TABLE,
    MEMORY,
    GLOBAL,
    TAG
}
