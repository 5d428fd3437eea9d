package dev.wharf.engine.core;

/** One export a core module declares; {@code funcType} is set for functions only. */
public record CoreExportDescriptor(String name, ExternKind kind, FuncType funcType) {}
