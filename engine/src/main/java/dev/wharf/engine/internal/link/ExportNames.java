package dev.wharf.engine.internal.link;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Finds which exported interface serves a name the embedder asks for, with the rule the linker
 * uses for imports ({@link VersionedName}): the exact name first; else the one export whose version
 * is semver-compatible ({@code wasi:http/incoming-handler@0.2.0} finds {@code @0.2.10}); a name
 * without a version finds the one export of that interface whatever its version. Two candidates
 * are ambiguous: an embedder serving one version must not silently pick between two.
 */
public final class ExportNames {
    private ExportNames() {}

    /**
     * The exported name serving {@code wanted}, or empty if none does.
     *
     * @throws IllegalArgumentException if several exports serve it and none is named exactly
     */
    public static Optional<String> resolve(Collection<String> exported, String wanted) {
        if (exported.contains(wanted)) {
            return Optional.of(wanted);
        }
        VersionedName w = VersionedName.parse(wanted);
        List<String> candidates = new ArrayList<>();
        for (String name : exported) {
            VersionedName n = VersionedName.parse(name);
            boolean serves = w.version().isEmpty() ? n.base().equals(w.base()) && n.version().isPresent() : n.compatibleWith(w);
            if (serves) {
                candidates.add(name);
            }
        }
        if (candidates.size() > 1) {
            throw new IllegalArgumentException("the component exports several interfaces that match " + wanted + ": " + candidates
                    + "; ask for one of them by its exact name");
        }
        return candidates.stream().findFirst();
    }
}
