package io.toolgate.declarative;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.toolgate.config.ToolgateConfig;

/**
 * Turns the operations of an OpenAPI 3 document into {@link HttpToolSpec}s: path, query and header parameters become
 * arguments of the same names (made identifier-safe), a JSON request body becomes the argument {@code body}, and the
 * tool name is the operationId in snake_case. The document is parsed by swagger-parser, which also resolves every
 * {@code $ref}, so the published input schemas are self-contained.
 */
public final class OpenApiImporter {

    /** The operations of one document, and the problems of those that could not become tools. */
    public record Imported(List<HttpToolSpec> tools, List<String> problems) {
    }

    private OpenApiImporter() {
    }

    /**
     * @throws IllegalArgumentException when the document cannot be read or has no usable base URL
     */
    public static Imported load(String sourceName, ToolgateConfig.OpenApiSource source) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        // A remote $ref inside the document must not become a way into the private network either.
        options.setSafelyResolveURL(true);
        SwaggerParseResult parsed;
        try {
            parsed = new OpenAPIV3Parser().readLocation(source.location(), null, options);
        } catch (StackOverflowError e) {
            // swagger-parser's full resolution recurses without end on some self-referring schemas (measured on
            // the APIs.guru collection: DocuSign, Microsoft Graph); the document is refused, the server goes on.
            throw new IllegalArgumentException("the OpenAPI document at " + source.location() + " has schemas that"
                    + " refer to themselves in a way its references cannot be resolved; import the operations you"
                    + " need from a trimmed copy");
        }
        OpenAPI api = parsed == null ? null : parsed.getOpenAPI();
        if (api == null || api.getPaths() == null) {
            List<String> messages = parsed == null || parsed.getMessages() == null ? List.of() : parsed.getMessages();
            throw new IllegalArgumentException("the OpenAPI document at " + source.location()
                    + " could not be read" + (messages.isEmpty() ? "" : ": " + messages));
        }
        String baseUrl = source.baseUrl().orElseGet(() -> api.getServers() == null || api.getServers().isEmpty()
                ? "" : serverUrl(api.getServers().get(0)));
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("the document has no absolute server URL; set"
                    + " toolgate.declarative.openapi.\"" + sourceName + "\".base-url");
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        Set<String> tags = new HashSet<>(source.tags().orElse(List.of()));
        Set<String> ids = new HashSet<>(source.operationIds().orElse(List.of()));
        List<HttpToolSpec> tools = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
                Operation operation = op.getValue();
                if (!selected(operation, tags, ids)) {
                    continue;
                }
                try {
                    tools.add(toSpec(sourceName, source, baseUrl, path.getKey(), path.getValue(), op.getKey().name(),
                            operation));
                } catch (IllegalArgumentException e) {
                    problems.add(op.getKey() + " " + path.getKey() + ": " + e.getMessage());
                }
            }
        }
        return new Imported(tools, problems);
    }

    /**
     * A server's URL with its variables replaced by their defaults ({@code https://{region}.api.example.com} with
     * {@code region: {default: eu}}); every variable must have one, so the URL the document means is the default one.
     */
    static String serverUrl(io.swagger.v3.oas.models.servers.Server server) {
        String url = server.getUrl() == null ? "" : server.getUrl();
        if (server.getVariables() != null) {
            for (Map.Entry<String, io.swagger.v3.oas.models.servers.ServerVariable> v : server.getVariables()
                    .entrySet()) {
                if (v.getValue() != null && v.getValue().getDefault() != null) {
                    url = url.replace("{" + v.getKey() + "}", v.getValue().getDefault());
                }
            }
        }
        return url;
    }

    private static boolean selected(Operation op, Set<String> tags, Set<String> ids) {
        boolean tagOk = tags.isEmpty() || (op.getTags() != null && op.getTags().stream().anyMatch(tags::contains));
        boolean idOk = ids.isEmpty() || (op.getOperationId() != null && ids.contains(op.getOperationId()));
        return tagOk && idOk;
    }

    private static HttpToolSpec toSpec(String sourceName, ToolgateConfig.OpenApiSource source, String baseUrl,
            String path, PathItem item, String method, Operation op) {
        String id = op.getOperationId() != null ? op.getOperationId() : method + " " + path;
        String name = source.namePrefix().orElse("") + snakeCase(id);
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JsonNodeFactory.instance.arrayNode();
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        String urlPath = path;
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (op.getParameters() != null) {
            parameters.addAll(op.getParameters());
        }
        for (Parameter p : parameters) {
            if (p.getName() == null || p.getIn() == null || p.getIn().equals("cookie")) {
                continue;
            }
            String argument = snakeCase(p.getName());
            ObjectNode property = toJsonSchema(p.getSchema());
            if (p.getDescription() != null && !property.has("description")) {
                property.put("description", p.getDescription());
            }
            properties.set(argument, property);
            if (Boolean.TRUE.equals(p.getRequired()) || p.getIn().equals("path")) {
                required.add(argument);
            }
            switch (p.getIn()) {
                case "path" -> urlPath = urlPath.replace("{" + p.getName() + "}", "{" + argument + "}");
                case "query" -> query.put(p.getName(), "{" + argument + "}");
                case "header" -> headers.put(p.getName(), "{" + argument + "}");
                default -> throw new IllegalArgumentException("parameter location '" + p.getIn() + "' is not supported");
            }
        }
        JsonNode body = null;
        if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
            MediaType json = op.getRequestBody().getContent().get("application/json");
            if (json == null) {
                throw new IllegalArgumentException("only application/json request bodies are supported");
            }
            ObjectNode bodySchema = toJsonSchema(json.getSchema());
            if (!bodySchema.has("description")) {
                bodySchema.put("description", op.getRequestBody().getDescription() != null
                        ? op.getRequestBody().getDescription() : "The JSON request body of this operation");
            }
            properties.set("body", bodySchema);
            if (Boolean.TRUE.equals(op.getRequestBody().getRequired())) {
                required.add("body");
            }
            body = TextNode.valueOf("{body}");
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        String url = baseUrl + urlPath;
        RequestTemplate request = new RequestTemplate(method, url, query, headers, body,
                source.secretEnv().isPresent() ? source.authHeader() : null, source.authScheme().orElse(null));
        List<String> hosts = source.allowedHosts().orElse(List.of(URI.create(baseUrl + "/").getHost()));
        String description = firstNonBlank(op.getDescription(), op.getSummary(), id);
        boolean readOnly = method.equals("GET") || method.equals("HEAD");
        return new HttpToolSpec(name, op.getSummary(), description.strip(), schema, request, ResponseMapping.WHOLE,
                source.secretEnv().orElse(null), hosts, source.allowPrivateNetwork(), null, null, 0, null,
                source.roles().orElse(Set.of()), null, readOnly, readOnly || method.equals("PUT")
                        || method.equals("DELETE"), method.equals("DELETE"),
                "openapi " + sourceName + " " + id, op.getTags() == null ? Set.of() : Set.copyOf(op.getTags()));
    }

    /**
     * An OpenAPI 3.0 schema object as JSON Schema 2020-12: {@code nullable} becomes a null type, boolean exclusive
     * bounds become numeric ones, and keywords JSON Schema does not know are dropped.
     */
    static ObjectNode toJsonSchema(io.swagger.v3.oas.models.media.Schema<?> schema) {
        if (schema == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode tree = Json.mapper().valueToTree(schema);
        return tree.isObject() ? convert((ObjectNode) tree) : JsonNodeFactory.instance.objectNode();
    }

    private static ObjectNode convert(ObjectNode s) {
        ObjectNode out = s.deepCopy();
        for (String dropped : List.of("nullable", "example", "xml", "discriminator", "externalDocs", "exampleSetFlag",
                "types", "jsonSchema", "specVersion")) {
            out.remove(dropped);
        }
        if (s.path("nullable").asBoolean(false) && out.path("type").isTextual()) {
            ArrayNode types = JsonNodeFactory.instance.arrayNode().add(out.get("type").asText()).add("null");
            out.set("type", types);
        }
        if (out.path("exclusiveMinimum").isBoolean()) {
            boolean on = out.remove("exclusiveMinimum").asBoolean();
            if (on && out.has("minimum")) {
                out.set("exclusiveMinimum", out.remove("minimum"));
            }
        }
        if (out.path("exclusiveMaximum").isBoolean()) {
            boolean on = out.remove("exclusiveMaximum").asBoolean();
            if (on && out.has("maximum")) {
                out.set("exclusiveMaximum", out.remove("maximum"));
            }
        }
        out.fields().forEachRemaining(field -> {
            JsonNode v = field.getValue();
            if (field.getKey().equals("properties") && v.isObject()) {
                ObjectNode props = (ObjectNode) v;
                props.fieldNames().forEachRemaining(n -> {
                    if (props.get(n).isObject()) {
                        props.set(n, convert((ObjectNode) props.get(n)));
                    }
                });
            } else if ((field.getKey().equals("items") || field.getKey().equals("additionalProperties"))
                    && v.isObject()) {
                field.setValue(convert((ObjectNode) v));
            } else if ((field.getKey().equals("allOf") || field.getKey().equals("anyOf")
                    || field.getKey().equals("oneOf")) && v.isArray()) {
                ArrayNode items = (ArrayNode) v;
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i).isObject()) {
                        items.set(i, convert((ObjectNode) items.get(i)));
                    }
                }
            }
        });
        return out;
    }

    /** {@code getPetById} -> {@code get_pet_by_id}, {@code list-HTTPRoutes} -> {@code list_http_routes}. */
    static String snakeCase(String id) {
        String s = id.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .replaceAll("[^A-Za-z0-9]+", "_")
                .toLowerCase(Locale.ROOT)
                .replaceAll("^_+|_+$", "");
        return s.isEmpty() || !Character.isLetter(s.charAt(0)) ? "op_" + s : s;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }
}
