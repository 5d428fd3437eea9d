package dev.wharf.engine;

import dev.wharf.engine.internal.binary.ComponentBinaryParser;
import dev.wharf.engine.internal.binary.ast.ComponentAst;
import dev.wharf.engine.internal.validate.ComponentValidator;
import java.util.Objects;

/** Entry point: decodes and validates a WebAssembly component binary. */
public final class ComponentParser {
    private ComponentParser() {}

    /**
     * Decodes and validates {@code bytes}.
     *
     * @throws MalformedComponentException if the bytes are not a well-formed component binary (or are a core module)
     * @throws InvalidComponentException   if it decodes but is not valid
     * @throws UnsupportedComponentFeatureException if it uses a feature the engine does not support yet
     */
    public static ParsedComponent parse(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        ComponentAst ast = ComponentBinaryParser.parse(bytes);
        return new ParsedComponent(ComponentValidator.validate(ast));
    }

    /** Decodes only (no validation); engine-internal use and tests. */
    public static ComponentAst decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return ComponentBinaryParser.parse(bytes);
    }
}
