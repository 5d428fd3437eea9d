package dev.wharf.platform.apps;

import dev.wharf.platform.store.AppStore.Limits;
import java.util.Map;

/**
 * An app's active revision as the gateway needs it, with its component's compile status.
 *
 * @param appId the app's row id: a deleted and re-created app gets another one, so (appId, revision) names one
 *     immutable revision for good
 */
public record ActiveRevision(long tenantId, String tenant, String app, long appId, int revision, String digest,
        String status, String error, Map<String, String> env, Limits limits, boolean isPublic,
        Map<String, Map<String, Object>> plugins) {

    /** Whether both name the same immutable revision. */
    boolean sameRevision(ActiveRevision other) {
        return other != null && appId == other.appId && revision == other.revision;
    }

    /** This plugin's settings (empty when the revision gave none). */
    Map<String, Object> settings(String settingsKey) {
        return plugins.getOrDefault(settingsKey, Map.of());
    }
}
