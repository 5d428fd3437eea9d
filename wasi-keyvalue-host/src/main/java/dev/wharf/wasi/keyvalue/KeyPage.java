package dev.wharf.wasi.keyvalue;

import java.util.List;
import java.util.OptionalLong;

/**
 * One page of keys. {@code next} is the position to continue after (absent on the last page). Positions are the
 * entries' creation order, so keys inserted during a scan come after the current position or not at all: a scan
 * never repeats a key and never skips one that existed for the whole scan.
 */
public record KeyPage(List<String> keys, OptionalLong next) {
    public KeyPage {
        keys = List.copyOf(keys);
    }
}
