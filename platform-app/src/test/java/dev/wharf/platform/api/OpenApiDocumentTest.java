package dev.wharf.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document is served, and describes exactly the routes the app serves under /v1. */
class OpenApiDocumentTest extends ApiTest {

    @Autowired
    ApplicationContext context;

    @Test
    void everyRouteUnderV1IsDocumented() {
        Response r = api.get("/v1/openapi.json", null);
        assertThat(r.status()).as("served without authentication").isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode doc = r.json();
        assertThat(doc.get("openapi").asString()).isEqualTo("3.1.0");

        Set<String> served = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                    String path = pattern.getPatternString();
                    if (path.startsWith("/v1/") || path.equals("/v1")) {
                        info.getMethodsCondition().getMethods()
                                .forEach(m -> served.add(m.name().toLowerCase() + " " + path));
                    }
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        for (var path : doc.get("paths").properties()) {
            for (String method : path.getValue().propertyNames()) {
                documented.add(method + " " + path.getKey());
                JsonNode op = path.getValue().get(method);
                assertThat(op.get("responses")).as(method + " " + path.getKey()).isNotNull();
                assertThat(op.get("operationId")).as(method + " " + path.getKey()).isNotNull();
            }
        }
        assertThat(served).hasSize(31);
        assertThat(documented).isEqualTo(served);
        // Every $ref resolves.
        for (String ref : doc.findValuesAsString("$ref")) {
            String name = ref.substring("#/components/schemas/".length());
            assertThat(doc.get("components").get("schemas").get(name)).as(ref).isNotNull();
        }
    }
}
