package dev.wharf.wasi.keyvalue;

/**
 * Told about every keyvalue operation a guest makes (the platform turns this into metrics, so this module needs
 * no metrics library). The platform offers one as a service ({@code PluginContext.service(KeyValueObserver.class)});
 * without one nothing is observed. Called on the guest's thread after the operation: implementations must be
 * thread-safe and must not block.
 */
@FunctionalInterface
public interface KeyValueObserver {
    KeyValueObserver NONE = (tenant, operation, outcome, nanos) -> {};

    /**
     * @param tenant the tenant whose bucket was used (from the app binding, never from the guest)
     * @param operation {@code open}, {@code get}, {@code set}, {@code delete}, {@code exists}, {@code list-keys},
     *     {@code increment}, {@code cas-read}, {@code cas-swap}, {@code get-many}, {@code set-many} or
     *     {@code delete-many}
     * @param outcome {@code ok}, {@code no-such-store}, {@code access-denied}, or for {@code other} errors its
     *     {@link KeyValueException.Reason} in lower case with dashes ({@code not-a-counter}, {@code unavailable}, ...);
     *     {@code cas-conflict} when a swap lost its race
     * @param nanos how long the operation took
     */
    void operation(String tenant, String operation, String outcome, long nanos);

    /** The outcome name of a failure. */
    static String outcome(KeyValueException e) {
        return switch (e.kind()) {
            case NO_SUCH_STORE -> "no-such-store";
            case ACCESS_DENIED -> "access-denied";
            case OTHER -> e.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        };
    }
}
