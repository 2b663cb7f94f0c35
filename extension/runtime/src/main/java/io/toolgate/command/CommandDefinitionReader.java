package io.toolgate.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.declarative.DefinitionReader;
import io.toolgate.tool.ToolPolicy;

/**
 * Reads a definition file with a {@code command} block into a {@link CommandSpec}. The keys outside the block are
 * those of HTTP tool files (name, description, parameters, timeout, max_concurrency, roles, ...). Every problem is an
 * IllegalArgumentException whose message names the key and the rule, shown to the operator as is.
 */
public final class CommandDefinitionReader {

    private static final Set<String> KEYS = Set.of("name", "title", "description", "parameters", "command", "timeout",
            "max_concurrency", "roles", "rate_limit", "read_only", "idempotent", "destructive", "tags");
    private static final Set<String> COMMAND_KEYS = Set.of("executable", "args", "stdin", "env", "sandbox",
            "keep_outputs", "copy_files_root", "path_params", "option_params", "limits");
    private static final Set<String> LIMIT_KEYS = Set.of("cpu", "memory_mb", "open_files", "file_size_mb",
            "output_bytes");
    private static final Pattern STDIN = Pattern.compile("^\\{([a-z_][a-z0-9_]*)}$");
    private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private CommandDefinitionReader() {
    }

    public static CommandSpec fromTree(ObjectNode d, String origin) {
        unknown(d, KEYS, "");
        String name = DefinitionReader.requiredText(d, "name");
        ObjectNode parameters = DefinitionReader.parameters(d.get("parameters"));
        JsonNode c = d.get("command");
        if (!c.isObject()) {
            throw new IllegalArgumentException("command must be an object with executable and args");
        }
        unknown(c, COMMAND_KEYS, "command.");
        String executable = DefinitionReader.requiredText(c, "executable");
        ArgvTemplate argv = ArgvTemplate.parse(c.get("args"));
        Set<String> declared = new LinkedHashSet<>();
        parameters.path("properties").fieldNames().forEachRemaining(declared::add);
        for (String used : argv.placeholders()) {
            if (!declared.contains(used)) {
                throw new IllegalArgumentException("{" + used + "} is used in command.args but is not one of the"
                        + " parameters " + declared);
            }
        }
        for (String spread : argv.spreadParams()) {
            if (!"array".equals(parameters.path("properties").path(spread).path("type").asText())) {
                throw new IllegalArgumentException("{" + spread + "...} in command.args needs parameter '" + spread
                        + "' to be of type array");
            }
        }
        String stdinParam = null;
        if (c.hasNonNull("stdin")) {
            var m = STDIN.matcher(c.get("stdin").asText());
            if (!m.matches() || !declared.contains(m.group(1))) {
                throw new IllegalArgumentException("command.stdin must be \"{param}\" naming one of the parameters "
                        + declared);
            }
            stdinParam = m.group(1);
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (c.hasNonNull("env")) {
            if (!c.get("env").isObject()) {
                throw new IllegalArgumentException("command.env must map variable names to fixed text");
            }
            c.get("env").fields().forEachRemaining(e -> {
                if (!ENV_NAME.matcher(e.getKey()).matches() || e.getValue().isContainerNode()) {
                    throw new IllegalArgumentException("command.env." + e.getKey() + " must be a variable name"
                            + " with fixed text as value");
                }
                env.put(e.getKey(), e.getValue().asText());
            });
        }
        Sandbox sandbox;
        String mode = c.path("sandbox").asText("none");
        try {
            sandbox = Sandbox.valueOf(mode.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("command.sandbox must be none or bwrap, got '" + mode + "'");
        }
        Set<String> pathParams = names(c, "path_params", declared);
        Set<String> optionParams = names(c, "option_params", declared);
        JsonNode limits = c.path("limits");
        if (!limits.isMissingNode() && !limits.isObject()) {
            throw new IllegalArgumentException("command.limits must be an object");
        }
        unknown(limits, LIMIT_KEYS, "command.limits.");
        Long cpu = limits.has("cpu") ? seconds(DefinitionReader.duration(limits.get("cpu").asText(),
                "command.limits.cpu")) : null;
        Long memory = limits.has("memory_mb") ? (long) DefinitionReader.positive(limits, "memory_mb") : null;
        Integer files = limits.has("open_files") ? DefinitionReader.positive(limits, "open_files") : null;
        Long fsize = limits.has("file_size_mb") ? (long) DefinitionReader.positive(limits, "file_size_mb") : null;
        Integer output = limits.has("output_bytes") ? DefinitionReader.positive(limits, "output_bytes") : null;
        Set<String> roles = DefinitionReader.roles(d);
        ToolPolicy.RateLimit rateLimit = DefinitionReader.rateLimit(d);
        Duration timeout = d.has("timeout") ? DefinitionReader.duration(d.get("timeout").asText(), "timeout") : null;
        return new CommandSpec(name, d.hasNonNull("title") ? d.get("title").asText() : null,
                DefinitionReader.requiredText(d, "description"), parameters, executable, argv, stdinParam, env,
                sandbox, c.path("keep_outputs").asBoolean(false), c.path("copy_files_root").asBoolean(false),
                pathParams, optionParams, cpu, memory, files, fsize, output, timeout,
                d.has("max_concurrency") ? DefinitionReader.positive(d, "max_concurrency") : 0, roles, rateLimit,
                d.path("read_only").asBoolean(false), d.path("idempotent").asBoolean(false),
                d.path("destructive").asBoolean(false), origin, DefinitionReader.tags(d));
    }

    private static long seconds(Duration d) {
        // RLIMIT_CPU counts whole seconds: round up so a limit is never tighter than written.
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private static Set<String> names(JsonNode c, String key, Set<String> declared) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode list = c.get(key);
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("command." + key + " must be a list of parameter names");
        }
        for (JsonNode n : list) {
            if (!declared.contains(n.asText())) {
                throw new IllegalArgumentException("command." + key + " names '" + n.asText() + "', which is not"
                        + " one of the parameters " + declared);
            }
            out.add(n.asText());
        }
        return out;
    }

    /** Refuses keys a definition block does not know, naming them all; shared by the upstream files' reader. */
    public static void unknown(JsonNode node, Set<String> known, String prefix) {
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                unknown.add(prefix + k);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown key(s) " + unknown + "; known keys are " + known);
        }
    }
}
