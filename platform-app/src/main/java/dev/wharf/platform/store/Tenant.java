package dev.wharf.platform.store;

/** An authenticated tenant. */
public record Tenant(long id, String name) {}
