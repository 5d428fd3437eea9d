package dev.wharf.platform.api;

import java.util.regex.Pattern;

/** Names of tenants and apps: {@code [a-z][a-z0-9-]{0,62}} (DNS-label-like, usable in host names). */
final class Names {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private Names() {}

    static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    static String require(String what, String name) {
        if (!valid(name)) {
            throw ApiException.badRequest("invalid " + what + " name '" + name
                    + "': use 1 to 63 characters, lowercase letters, digits and '-', starting with a letter");
        }
        return name;
    }
}
