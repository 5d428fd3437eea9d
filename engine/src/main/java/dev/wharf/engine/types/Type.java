package dev.wharf.engine.types;

/**
 * Anything the component type index space can hold: value types, function types, resource types,
 * instance and component types, and core module types. {@link #toString()} prints WIT syntax.
 */
public sealed interface Type permits ValType, FuncType, ResourceType, InstanceType, ComponentType, CoreModuleType {}
