package dev.wharf.wasi.keyvalue;

/** The conformance suite on the in-memory backend (developer mode). */
class MemoryKeyValueTest extends KeyValueConformance {
    private static final KeyValuePlugin PLUGIN = new KeyValuePlugin(new MemoryBackend(LIMITS));

    @Override
    protected KeyValuePlugin plugin() {
        return PLUGIN;
    }

    @Override
    protected void createTenant(String name) {
        // the memory backend needs no tenant records
    }
}
