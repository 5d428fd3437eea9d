package dev.wharf.platform.store;

import java.time.OffsetDateTime;
import java.util.List;

/** A component as the API shows it (never its bytes). */
public record ComponentInfo(String digest, long size, List<Extern> imports, List<Extern> exports, String status,
                            String error, OffsetDateTime createdAt) {

    /** One import or export: its name and its WIT-printed type. */
    public record Extern(String name, String type) {}
}
