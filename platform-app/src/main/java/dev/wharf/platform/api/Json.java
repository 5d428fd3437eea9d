package dev.wharf.platform.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Small, strict readers for JSON request fields with errors that name the field. */
final class Json {
    private Json() {}

    static void onlyFields(JsonNode object, String... allowed) {
        Set<String> names = Set.of(allowed);
        List<String> unknown = new ArrayList<>();
        for (String field : object.propertyNames()) {
            if (!names.contains(field)) {
                unknown.add(field);
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("unknown field(s) " + unknown + "; allowed: " + List.of(allowed));
        }
    }

    static String requiredString(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest("field '" + field + "' is required");
        }
        if (!value.isString()) {
            throw ApiException.badRequest("field '" + field + "' must be a string");
        }
        return value.stringValue();
    }

    static int requiredInt(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest("field '" + field + "' is required");
        }
        return intValue(field, value);
    }

    static Integer optionalInt(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : intValue(field, value);
    }

    private static int intValue(String field, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiException.badRequest("field '" + field + "' must be an integer");
        }
        return value.intValue();
    }
}
