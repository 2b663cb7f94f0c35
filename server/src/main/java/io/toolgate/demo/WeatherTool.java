package io.toolgate.demo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.declarative.HttpResults;
import io.toolgate.declarative.OutboundPolicy;
import io.toolgate.declarative.RequestTemplate;
import io.toolgate.declarative.ResponseMapping;
import io.toolgate.declarative.SafeHttpClient;
import io.toolgate.security.Caller;
import io.toolgate.tool.ArgumentsRejectedException;
import io.toolgate.tool.PreparedCall;
import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolException;
import io.toolgate.tool.ToolExecutor;
import io.toolgate.tool.ToolHints;
import io.toolgate.tool.ToolPolicy;

/**
 * {@code get_weather(location, unit)} on an Open-Meteo-compatible API: a place name is first looked up with the
 * geocoding API ({@code /v1/search?name=...&count=1}), coordinates written as {@code "52.52,13.41"} skip that step;
 * then the forecast API's current conditions ({@code /v1/forecast?latitude&longitude&current=...}) are returned.
 * Both requests are built by {@link RequestTemplate} and sent through the {@link SafeHttpClient}, like any
 * declarative tool's.
 */
final class WeatherTool implements ToolExecutor {

    private static final Pattern COORDINATES = Pattern
            .compile("^\\s*(-?\\d{1,2}(?:\\.\\d+)?)\\s*,\\s*(-?\\d{1,3}(?:\\.\\d+)?)\\s*$");
    private static final String CURRENT = "temperature_2m,relative_humidity_2m,wind_speed_10m,weather_code";

    private final SafeHttpClient client;
    private final RequestTemplate geocoding;
    private final RequestTemplate forecast;
    private final OutboundPolicy policy;

    WeatherTool(SafeHttpClient client, String weatherBaseUrl, String geocodingBaseUrl, boolean allowPrivateNetwork,
            int maxResponseBytes) {
        this.client = client;
        Map<String, String> search = new LinkedHashMap<>();
        search.put("name", "{name}");
        search.put("count", "1");
        search.put("format", "json");
        this.geocoding = new RequestTemplate("GET", trim(geocodingBaseUrl) + "/v1/search", search, Map.of(), null,
                null, null);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("latitude", "{latitude}");
        query.put("longitude", "{longitude}");
        query.put("current", CURRENT);
        query.put("temperature_unit", "{unit}");
        this.forecast = new RequestTemplate("GET", trim(weatherBaseUrl) + "/v1/forecast", query, Map.of(), null,
                null, null);
        this.policy = new OutboundPolicy(List.of(forecast.host(), geocoding.host()), allowPrivateNetwork,
                Duration.ofSeconds(10), maxResponseBytes);
    }

    ToolDefinition definition() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("location").put("type", "string").put("minLength", 1).put("maxLength", 200)
                .put("description", "A place name such as 'Berlin' or 'San Francisco', or coordinates written as"
                        + " 'latitude,longitude' such as '52.52,13.41'");
        ObjectNode unit = properties.putObject("unit");
        unit.put("type", "string").put("default", "celsius")
                .put("description", "Temperature unit of the reading: celsius or fahrenheit");
        unit.putArray("enum").add("celsius").add("fahrenheit");
        schema.putArray("required").add("location");
        schema.put("additionalProperties", false);
        return new ToolDefinition("get_weather", "Current weather",
                "Current temperature, humidity, wind speed and WMO weather code at a place, from Open-Meteo.",
                schema, null, new ToolHints(true, false, true, true),
                new ToolPolicy(Duration.ofSeconds(10), 0, null, null, Set.of(), null, null), this, "demo WeatherTool");
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public PreparedCall prepare(ObjectNode arguments, Caller caller) throws ArgumentsRejectedException {
        String location = arguments.path("location").asText();
        String unit = arguments.path("unit").asText("celsius");
        Matcher coordinates = COORDINATES.matcher(location);
        if (coordinates.matches()) {
            ObjectNode args = coordinates(coordinates.group(1), coordinates.group(2), unit);
            var request = forecast.build(args, null);
            return () -> current(HttpResults.read(client.send(request, policy), forecast.host(), null,
                    ResponseMapping.WHOLE), location, unit);
        }
        ObjectNode name = JsonNodeFactory.instance.objectNode().put("name", location.strip());
        var lookup = geocoding.build(name, null);
        return () -> {
            JsonNode places = HttpResults.read(client.send(lookup, policy), geocoding.host(), null,
                    ResponseMapping.WHOLE);
            JsonNode place = places.path("results").path(0);
            if (!place.path("latitude").isNumber() || !place.path("longitude").isNumber()) {
                throw new ToolException("no place named '" + location.strip() + "' was found; try a larger city"
                        + " nearby or give coordinates as 'latitude,longitude'");
            }
            var request = forecast.build(coordinates(place.get("latitude").asText(),
                    place.get("longitude").asText(), unit), null);
            String label = place.path("name").asText(location) + (place.hasNonNull("country")
                    ? ", " + place.get("country").asText() : "");
            return current(HttpResults.read(client.send(request, policy), forecast.host(), null,
                    ResponseMapping.WHOLE), label, unit);
        };
    }

    private static ObjectNode coordinates(String latitude, String longitude, String unit) {
        return JsonNodeFactory.instance.objectNode().put("latitude", latitude).put("longitude", longitude)
                .put("unit", unit);
    }

    private static ObjectNode current(JsonNode forecast, String location, String unit) {
        JsonNode now = forecast.path("current");
        if (!now.path("temperature_2m").isNumber()) {
            throw new ToolException("the weather service sent no current conditions for " + location);
        }
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("location", location);
        out.set("latitude", forecast.path("latitude"));
        out.set("longitude", forecast.path("longitude"));
        out.set("time", now.path("time"));
        out.set("temperature", now.get("temperature_2m"));
        out.put("unit", unit);
        out.set("relative_humidity_percent", now.path("relative_humidity_2m"));
        out.set("wind_speed_kmh", now.path("wind_speed_10m"));
        out.set("weather_code", now.path("weather_code"));
        return out;
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
