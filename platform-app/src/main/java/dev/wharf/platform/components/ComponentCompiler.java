package dev.wharf.platform.components;

import dev.wharf.engine.ParsedComponent;

/**
 * The seam for ahead-of-time compilation: called once per new component digest, after its bytes are stored with
 * status {@code compiling}. Returning normally marks the component {@code ready}; throwing marks it
 * {@code failed} with the exception's message. The default implementation does nothing yet (precompilation of the
 * core modules to JVM bytecode is a later step); replace it by declaring another bean of this type.
 */
public interface ComponentCompiler {

    void compile(String digest, byte[] bytes, ParsedComponent parsed) throws Exception;
}
