package dev.wharf.engine.core;

/**
 * A table exported by an instance. Only what linking needs is exposed; element handles are
 * engine-specific and never leave the backend.
 */
public interface CoreTable {

    ValueType elementType();

    int size();
}
