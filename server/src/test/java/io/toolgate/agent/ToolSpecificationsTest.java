package io.toolgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

/** Toolgate's JSON Schema into langchain4j's model: structure kept, constraint keywords dropped (lossy by design). */
class ToolSpecificationsTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void convertsTypesEnumsArraysNestedObjectsAndRefs() throws Exception {
        JsonNode schema = mapper.readTree("""
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
                 "additionalProperties":false,"required":["items","state"],
                 "properties":{
                   "items":{"type":"array","description":"lines","minItems":1,"items":{"$ref":"#/$defs/Line"}},
                   "state":{"type":"string","pattern":"^[A-Z]{2}$","description":"two letters"},
                   "unit":{"enum":["celsius","fahrenheit"]},
                   "note":{"type":["string","null"]},
                   "address":{"type":"object","required":["zip"],"properties":{"zip":{"type":"integer","minimum":1}}}},
                 "$defs":{"Line":{"type":"object","required":["product_id"],
                   "properties":{"product_id":{"type":"string"},"quantity":{"type":"integer","minimum":1}}}}}
                """);
        JsonObjectSchema object = ToolSpecifications.parameters(schema);
        assertThat(object.definitions()).containsKey("Line");
        JsonObjectSchema line = (JsonObjectSchema) object.definitions().get("Line");
        assertThat(line.required()).containsExactly("product_id");
        assertThat(object.required()).containsExactly("items", "state");
        assertThat(object.additionalProperties()).isFalse();
        JsonArraySchema items = (JsonArraySchema) object.properties().get("items");
        assertThat(((JsonReferenceSchema) items.items()).reference()).isEqualTo("Line");
        assertThat(object.properties().get("state")).isInstanceOf(JsonStringSchema.class);
        assertThat(((JsonEnumSchema) object.properties().get("unit")).enumValues())
                .containsExactly("celsius", "fahrenheit");
        assertThat(object.properties().get("note")).isInstanceOf(JsonStringSchema.class);
        JsonObjectSchema address = (JsonObjectSchema) object.properties().get("address");
        assertThat(address.properties().get("zip")).isInstanceOf(JsonIntegerSchema.class);
    }
}
