package dev.wharf.platform.apps;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which app a request is for, and the path its guest sees: {@code /t/{tenant}/{app}/{path...}} (the guest sees
 * {@code /{path...}}), or, when {@code wharf.domain} is set, the host {@code {app}.{tenant}.<domain>} (the guest
 * sees the whole path).
 *
 * @param basePath what the guest's paths are relative to, sent as {@code x-wharf-base-path} ({@code /t/acme/hello},
 *     or empty for host routing)
 * @param guestPath the raw (still percent-encoded) path the guest sees, always starting with {@code /}
 */
record AppTarget(String tenant, String app, String basePath, String guestPath) {
    static final String PREFIX = "/t/";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    /** The target of {@code uri} (host header {@code host}), or null when the request is not for an app. */
    static AppTarget of(URI uri, String host, String domain) {
        String rawPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (domain != null && host != null) {
            String h = stripPort(host).toLowerCase(Locale.ROOT);
            String suffix = "." + domain.toLowerCase(Locale.ROOT);
            if (h.endsWith(suffix)) {
                String[] labels = h.substring(0, h.length() - suffix.length()).split("\\.", -1);
                if (labels.length == 2) {
                    return new AppTarget(labels[1], labels[0], "", rawPath);
                }
            }
        }
        if (!rawPath.startsWith(PREFIX)) {
            return null;
        }
        String rest = rawPath.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String tenant = slash < 0 ? rest : rest.substring(0, slash);
        String afterTenant = slash < 0 ? "" : rest.substring(slash + 1);
        int slash2 = afterTenant.indexOf('/');
        String app = slash2 < 0 ? afterTenant : afterTenant.substring(0, slash2);
        String guest = slash2 < 0 ? "/" : afterTenant.substring(slash2);
        return new AppTarget(tenant, app, PREFIX + tenant + "/" + app, guest);
    }

    /** Whether both names can exist (anything else is a 404 without a database lookup). */
    boolean plausible() {
        return NAME.matcher(tenant).matches() && NAME.matcher(app).matches();
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) { // IPv6 literal: never one of our host names
            return host;
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
