package dev.wharf.engine.internal.link;

import java.util.Objects;
import java.util.Optional;

/**
 * An import/export name split into its unversioned part and its semver version, with wasmtime's
 * compatibility rule for matching a guest's import against a host's definition.
 *
 * <p>Two names are compatible when their unversioned parts are equal and their versions share a
 * <em>compatibility key</em>: for {@code >= 1.0.0} the major version ({@code 1.2.3} and {@code 1.9.0}
 * match), for {@code 0.x.y} with {@code x > 0} the pair {@code 0.x} ({@code 0.2.3} and {@code 0.2.12}
 * match, {@code 0.3.0} does not), and for {@code 0.0.x} or any pre-release ({@code -draft},
 * {@code -rc.1}) the exact version. Build metadata ({@code +abc}) is ignored, as semver says. This is
 * what lets a host built against {@code wasi:http@0.2.12} serve a guest built against {@code @0.2.3}
 * (and the other way round): within a key, interfaces only gain items, and the type check at link
 * time catches the rest.
 */
public record VersionedName(String base, Optional<Version> version) {

    /** A parsed semver version; {@code pre} is empty when there is no pre-release part. */
    public record Version(long major, long minor, long patch, String pre) implements Comparable<Version> {
        @Override
        public int compareTo(Version o) {
            int c = Long.compare(major, o.major);
            if (c == 0) c = Long.compare(minor, o.minor);
            if (c == 0) c = Long.compare(patch, o.patch);
            if (c == 0) {
                // A pre-release sorts before its release; between pre-releases, plain string order is enough here.
                if (pre.isEmpty() != o.pre.isEmpty()) c = pre.isEmpty() ? 1 : -1;
                else c = pre.compareTo(o.pre);
            }
            return c;
        }

        /** The part of the version two compatible versions share. */
        String compatibilityKey() {
            if (!pre.isEmpty()) return major + "." + minor + "." + patch + "-" + pre;
            if (major > 0) return Long.toString(major);
            if (minor > 0) return "0." + minor;
            return "0.0." + patch;
        }

        @Override
        public String toString() {
            return major + "." + minor + "." + patch + (pre.isEmpty() ? "" : "-" + pre);
        }
    }

    public VersionedName {
        Objects.requireNonNull(base);
        Objects.requireNonNull(version);
    }

    /**
     * Splits {@code name} at its last {@code @}. A suffix that is not a valid semver version leaves
     * the whole name unversioned, so such names only ever match exactly.
     */
    public static VersionedName parse(String name) {
        int at = name.lastIndexOf('@');
        if (at < 0) return new VersionedName(name, Optional.empty());
        Optional<Version> v = parseVersion(name.substring(at + 1));
        return v.isPresent() ? new VersionedName(name.substring(0, at), v) : new VersionedName(name, Optional.empty());
    }

    static Optional<Version> parseVersion(String s) {
        int plus = s.indexOf('+');
        if (plus >= 0) {
            if (plus == s.length() - 1) return Optional.empty();
            s = s.substring(0, plus);
        }
        String pre = "";
        int dash = s.indexOf('-');
        if (dash >= 0) {
            pre = s.substring(dash + 1);
            s = s.substring(0, dash);
            if (pre.isEmpty()) return Optional.empty();
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 3) return Optional.empty();
        long[] n = new long[3];
        for (int i = 0; i < 3; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 18 || !p.chars().allMatch(Character::isDigit)) return Optional.empty();
            if (p.length() > 1 && p.charAt(0) == '0') return Optional.empty(); // semver forbids leading zeros
            n[i] = Long.parseLong(p);
        }
        return Optional.of(new Version(n[0], n[1], n[2], pre));
    }

    /** True if a definition named {@code this} may satisfy an import named {@code other} (symmetric). */
    public boolean compatibleWith(VersionedName other) {
        if (!base.equals(other.base)) return false;
        if (version.isEmpty() || other.version.isEmpty()) return version.isEmpty() && other.version.isEmpty();
        return version.get().compatibilityKey().equals(other.version.get().compatibilityKey());
    }

    /** Convenience for {@code parse(a).compatibleWith(parse(b))}. */
    public static boolean compatible(String a, String b) {
        return a.equals(b) || parse(a).compatibleWith(parse(b));
    }

    @Override
    public String toString() {
        return version.map(v -> base + "@" + v).orElse(base);
    }
}
