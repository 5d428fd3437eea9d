package dev.wharf.engine.internal.binary.ast;

import java.util.Optional;

/**
 * An import/export name with its binary attributes. {@code kind} is the leading byte (0x00/0x01 plain,
 * 0x02 with attributes); {@code implementsName}, {@code versionSuffix} and {@code externalId} are the
 * optional attributes.
 */
public record ExternName(String name, int kind, Optional<String> implementsName, Optional<String> versionSuffix,
        Optional<String> externalId, int offset) {
    public static ExternName plain(String name, int offset) {
        return new ExternName(name, 0, Optional.empty(), Optional.empty(), Optional.empty(), offset);
    }

    @Override
    public String toString() {
        return name;
    }
}
