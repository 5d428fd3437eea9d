package dev.wharf.engine.core;

/**
 * One import a core module declares. {@code funcType} is set for functions only; the linker uses
 * it to check a host function or re-exported function before instantiating.
 */
public record CoreImportDescriptor(String module, String name, ExternKind kind, FuncType funcType) {}
