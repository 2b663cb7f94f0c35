package io.toolgate.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.StartupEvent;
import io.toolgate.command.CommandLimits;
import io.toolgate.command.CommandRunner;
import io.toolgate.command.CommandToolExecutor;
import io.toolgate.command.CommandTools;
import io.toolgate.command.Sandbox;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.invoke.FieldError;
import io.toolgate.security.Caller;
import io.toolgate.tool.ArgumentsRejectedException;
import io.toolgate.tool.PreparedCall;
import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolExecutor;
import io.toolgate.tool.ToolHints;
import io.toolgate.tool.ToolPolicy;
import io.toolgate.tool.ToolRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The demo's {@code execute_command(command, args)}: a few text utilities ({@code toolgate.demo.commands}, each on the
 * executable allowlist) run by the command tools' runner on a fresh copy of the demo files root, so a model can
 * count, search and sort the shop's documents. Each program has an allowlist of options (no option that reads or
 * writes a file named in its value, runs a program or changes the system); other arguments are files or patterns
 * and may not be absolute or climb out with {@code ..}. Under {@code toolgate.demo.command-sandbox=bwrap} the
 * programs also get a read-only view of the system and no network.
 */
@ApplicationScoped
public class CommandDemo {

    private static final Logger LOG = Logger.getLogger(CommandDemo.class);
    static final String NAME = "execute_command";

    /** Options a program accepts: flags alone, and options whose value is the next argument. */
    private record Options(Set<String> flags, Set<String> withValue) {
    }

    private static final Map<String, Options> OPTIONS = Map.of(
            "wc", new Options(Set.of("-l", "-w", "-c", "-m", "-L", "--lines", "--words", "--bytes", "--chars",
                    "--max-line-length"), Set.of()),
            "grep", new Options(Set.of("-i", "-v", "-n", "-c", "-w", "-x", "-F", "-E", "-o", "-h", "-H", "-l", "-L",
                    "-r", "-s", "-q"), Set.of("-e", "-m", "-A", "-B", "-C")),
            "sort", new Options(Set.of("-r", "-n", "-u", "-f", "-b", "-h", "-V", "-s"), Set.of("-k", "-t")),
            "head", new Options(Set.of("-q", "-v"), Set.of("-n", "-c")),
            "date", new Options(Set.of("-u", "-I", "-R", "--utc", "--iso-8601", "--rfc-email"), Set.of("-d")));

    private final CommandTools commands;
    private final ToolgateConfig config;
    private final DemoConfig demo;
    private final ToolRegistry registry;

    @Inject
    public CommandDemo(CommandTools commands, ToolgateConfig config, DemoConfig demo, ToolRegistry registry) {
        this.commands = commands;
        this.config = config;
        this.demo = demo;
        this.registry = registry;
    }

    void register(@Observes StartupEvent start) {
        if (!demo.enabled() || demo.commands().isEmpty()) {
            return;
        }
        Sandbox sandbox;
        try {
            sandbox = Sandbox.valueOf(demo.commandSandbox().toUpperCase(java.util.Locale.ROOT));
            commands.requireSandbox(NAME, sandbox);
        } catch (IllegalArgumentException e) {
            LOG.warnf("%s is not served: %s", NAME, e.getMessage());
            return;
        }
        Map<String, String> programs = new LinkedHashMap<>();
        for (String path : demo.commands()) {
            String name = Path.of(path).getFileName().toString();
            if (!OPTIONS.containsKey(name)) {
                LOG.warnf("%s leaves out %s: the demo knows the safe options of %s only", NAME, path,
                        OPTIONS.keySet());
                continue;
            }
            try {
                programs.put(name, commands.checkedExecutable(NAME, path));
            } catch (IllegalArgumentException e) {
                LOG.warnf("%s leaves out %s: %s", NAME, path, e.getMessage());
            }
        }
        if (programs.isEmpty()) {
            return;
        }
        registry.register(definition(programs, sandbox));
    }

    private ToolDefinition definition(Map<String, String> programs, Sandbox sandbox) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode schema = f.objectNode().put("type", "object");
        ObjectNode props = schema.putObject("properties");
        ObjectNode command = props.putObject("command").put("type", "string")
                .put("description", "The program to run: " + String.join(", ", programs.keySet()));
        ArrayNode names = command.putArray("enum");
        programs.keySet().forEach(names::add);
        ObjectNode args = props.putObject("args").put("type", "array").put("maxItems", 32)
                .put("description", "The program's arguments, one list item per argument (never split): options"
                        + " like -l or -i, patterns, and file names relative to the documents folder such as"
                        + " returns-policy.txt");
        args.putObject("items").put("type", "string").put("maxLength", 1024);
        schema.putArray("required").add("command");
        schema.put("additionalProperties", false);
        CommandLimits limits = commands.limits(null, null, null, null, null);
        ToolExecutor executor = new DemoExecutor(programs, sandbox, limits);
        ToolPolicy policy = new ToolPolicy(Duration.ofSeconds(10), config.commands().maxConcurrency(), null, null,
                Set.of(), null, null);
        return new ToolDefinition(NAME, "Run a text utility on the shop's documents",
                "Run one of a few text utilities (" + String.join(", ", programs.keySet()) + ") on the shop's"
                        + " documents, for example wc -l returns-policy.txt or grep -i refund shipping-faq.md."
                        + " Returns exit_code, stdout and stderr.",
                schema, null, new ToolHints(true, false, true, sandbox != Sandbox.BWRAP), policy, executor,
                CommandDemo.class.getName());
    }

    private final class DemoExecutor implements ToolExecutor {
        private final Map<String, String> programs;
        private final Sandbox sandbox;
        private final CommandLimits limits;

        DemoExecutor(Map<String, String> programs, Sandbox sandbox, CommandLimits limits) {
            this.programs = programs;
            this.sandbox = sandbox;
            this.limits = limits;
        }

        @Override
        public boolean blocking() {
            return true;
        }

        @Override
        public PreparedCall prepare(ObjectNode arguments, Caller caller) throws ArgumentsRejectedException {
            String program = arguments.get("command").asText();
            List<String> argv = new ArrayList<>();
            arguments.path("args").forEach(a -> argv.add(a.asText()));
            List<FieldError> errors = checkArgs(program, argv);
            if (!errors.isEmpty()) {
                throw new ArgumentsRejectedException(errors);
            }
            Path files = Path.of(demo.filesRoot());
            CommandRunner.Run run = new CommandRunner.Run(programs.get(program), argv, null, commands.environment(),
                    sandbox, limits, false, files, Duration.ofSeconds(15), List.of());
            return () -> CommandToolExecutor.result(commands.runner().run(run), limits, List.of(files));
        }
    }

    /** Every argument that is not an allowed option (or its value), or is a path leaving the documents folder. */
    static List<FieldError> checkArgs(String program, List<String> argv) {
        Options allowed = OPTIONS.get(program);
        List<FieldError> errors = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            String field = "args[" + i + "]";
            if (a.indexOf('\0') >= 0) {
                errors.add(new FieldError(field, "nul", "must not contain a NUL byte"));
                continue;
            }
            if (!optionsEnded && a.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (!optionsEnded && a.startsWith("-") && a.length() > 1) {
                if (allowed.withValue().contains(a)) {
                    if (i + 1 >= argv.size()) {
                        errors.add(new FieldError(field, "option", a + " needs a value as the next argument"));
                    } else if (argv.get(++i).indexOf('\0') >= 0) {
                        errors.add(new FieldError("args[" + i + "]", "nul", "must not contain a NUL byte"));
                    }
                } else if (!allowed.flags().contains(a)) {
                    List<String> known = new ArrayList<>(allowed.flags());
                    known.addAll(allowed.withValue());
                    known.sort(null);
                    errors.add(new FieldError(field, "option", "option " + a + " is not allowed for " + program
                            + "; allowed: " + String.join(" ", known) + " (one option per argument)"));
                }
                continue;
            }
            // Files and patterns alike: nothing absolute, nothing climbing out of the documents folder.
            if (a.startsWith("/") || a.startsWith("~")) {
                errors.add(new FieldError(field, "path", "\"" + a + "\" is absolute; name files relative to the"
                        + " documents folder"));
            } else if (List.of(a.split("/")).contains("..")) {
                errors.add(new FieldError(field, "path", "\"" + a + "\" contains '..'; only the documents folder"
                        + " can be read"));
            }
        }
        return errors;
    }
}
