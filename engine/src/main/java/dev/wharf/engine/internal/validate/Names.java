package dev.wharf.engine.internal.validate;

import java.util.regex.Pattern;

/** Lexical rules for labels and import/export names (Explainer.md, "Import and Export Definitions"). */
public final class Names {
    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)"
                    + "(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?"
                    + "(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?");
    private static final Pattern CANON_VERSION = Pattern.compile("[1-9][0-9]*|0\\.[1-9][0-9]*|0\\.0\\.[1-9][0-9]*|0\\.0\\.0");
    private static final int MAX_VERSION_LENGTH = 256;

    private Names() {}

    /** {@code label ::= first-fragment ('-' fragment)*}: kebab-case words, each all-lowercase or all-uppercase. */
    public static boolean isLabel(String s) {
        if (s.isEmpty()) {
            return false;
        }
        String[] parts = s.split("-", -1);
        for (int i = 0; i < parts.length; i++) {
            if (!isFragment(parts[i], i == 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFragment(String f, boolean first) {
        if (f.isEmpty()) {
            return false;
        }
        char c0 = f.charAt(0);
        boolean lower;
        if (c0 >= 'a' && c0 <= 'z') {
            lower = true;
        } else if (c0 >= 'A' && c0 <= 'Z') {
            lower = false;
        } else if (c0 >= '0' && c0 <= '9' && !first) {
            // a non-first fragment may start with a digit; its case is fixed by the first letter
            lower = f.chars().noneMatch(ch -> ch >= 'A' && ch <= 'Z');
        } else {
            return false;
        }
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (lower ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code words ::= first-word ('-' word)*} (lowercase only). */
    private static boolean isWords(String s) {
        return isLabel(s) && s.equals(s.toLowerCase(java.util.Locale.ROOT)) && !Character.isDigit(s.charAt(0));
    }

    /** Returns null when {@code name} is a valid extern name, else the reason. */
    public static String checkExternName(String name) {
        if (name.isEmpty()) {
            return "empty name";
        }
        if (name.indexOf(':') >= 0) {
            return checkInterfaceName(name);
        }
        if (name.startsWith("[")) {
            int close = name.indexOf(']');
            if (close < 0) {
                return "unterminated annotation in '" + name + "'";
            }
            String ann = name.substring(1, close);
            String rest = name.substring(close + 1);
            switch (ann) {
                case "constructor", "async" -> {
                    return isLabel(rest) ? null : "'" + rest + "' is not a kebab-case label in '" + name + "'";
                }
                case "method", "static", "async method", "async static" -> {
                    int dot = rest.indexOf('.');
                    if (dot < 0) {
                        return "expected '<resource>.<name>' after [" + ann + "] in '" + name + "'";
                    }
                    String r = rest.substring(0, dot);
                    String f = rest.substring(dot + 1);
                    return isLabel(r) && isLabel(f) ? null : "'" + rest + "' is not '<label>.<label>' in '" + name + "'";
                }
                default -> {
                    return "unknown annotation [" + ann + "] in '" + name + "'";
                }
            }
        }
        return isLabel(name) ? null : "'" + name + "' is neither a kebab-case label nor an interface name 'ns:pkg/iface@version'";
    }

    /** The resource label a {@code [constructor]/[method]/[static]} name refers to, or null. */
    public static String annotatedResource(String name) {
        if (!name.startsWith("[")) {
            return null;
        }
        int close = name.indexOf(']');
        if (close < 0) {
            return null;
        }
        String rest = name.substring(close + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    static String checkInterfaceName(String name) {
        String body = name;
        int at = name.indexOf('@');
        if (at >= 0) {
            String version = name.substring(at + 1);
            body = name.substring(0, at);
            if (version.length() > MAX_VERSION_LENGTH
                    || !(SEMVER.matcher(version).matches() || CANON_VERSION.matcher(version).matches())) {
                return "'" + version + "' is not a valid semver version in '" + name + "'";
            }
        }
        int slash = body.indexOf('/');
        if (slash < 0) {
            return "expected 'ns:pkg/iface' (missing '/interface') in '" + name + "'";
        }
        String pkg = body.substring(0, slash);
        String[] ns = pkg.split(":", -1);
        if (ns.length < 2) {
            return "expected 'ns:pkg' before '/' in '" + name + "'";
        }
        for (String w : ns) {
            if (!isWords(w)) {
                return "'" + w + "' is not a lowercase kebab-case word in '" + name + "'";
            }
        }
        for (String p : body.substring(slash + 1).split("/", -1)) {
            if (!isLabel(p)) {
                return "'" + p + "' is not a kebab-case label in '" + name + "'";
            }
        }
        return null;
    }

    /** {@code canonversion}: {@code 1}, {@code 0.2}, {@code 0.0.3} or {@code 0.0.0}. */
    public static boolean isCanonVersion(String v) {
        return v.length() <= MAX_VERSION_LENGTH && CANON_VERSION.matcher(v).matches();
    }

    /** Key under which names must be strongly-unique (case-insensitive). */
    public static String uniquenessKey(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }
}
