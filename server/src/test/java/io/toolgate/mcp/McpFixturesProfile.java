package io.toolgate.mcp;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The conformance fixtures on, and a small page size so that pagination is exercised with few tools. */
public class McpFixturesProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("toolgate.mcp.conformance-fixtures", "true", "toolgate.mcp.page-size", "3",
                "toolgate.mcp.instructions", "Use search_products before check_product_availability.");
    }
}
