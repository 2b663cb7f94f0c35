package io.toolgate.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.toolgate.invoke.FieldError;
import io.toolgate.tool.ArgumentsRejectedException;

/** The argv template and the command block of a definition file, without a server. */
class CommandDefinitionTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ArgvTemplate template(String json) throws Exception {
        return ArgvTemplate.parse(JSON.readTree(json));
    }

    private static List<String> expand(ArgvTemplate t, String args, Set<String> options) throws Exception {
        return t.expand((ObjectNode) JSON.readTree(args), options, 100, 300, (p, v) -> v);
    }

    private static List<FieldError> rejected(ArgvTemplate t, String args, Set<String> options) {
        try {
            expand(t, args, options);
        } catch (ArgumentsRejectedException e) {
            return e.violations();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not rejected");
    }

    @Test
    void oneEntryIsOneArgumentAndGroupsDisappearTogether() throws Exception {
        ArgvTemplate t = template("[\"-c\", [\"-n\", \"{count}\"], \"--label={label}\", \"{file}\", \"{rest...}\"]");
        assertThat(expand(t, "{\"file\":\"a b;c\",\"count\":3,\"label\":\"x y\",\"rest\":[\"1 2\",\"*\"]}", Set.of()))
                .containsExactly("-c", "-n", "3", "--label=x y", "a b;c", "1 2", "*");
        assertThat(expand(t, "{\"file\":\"f\"}", Set.of())).containsExactly("-c", "f");
    }

    @Test
    void aValueThatWouldBeReadAsAnOptionIsRefusedOnlyAtTheStartOfAnEntry() throws Exception {
        ArgvTemplate t = template("[\"--label={label}\", \"{file}\", \"{rest...}\"]");
        assertThat(expand(t, "{\"label\":\"-x\",\"file\":\"f\"}", Set.of())).containsExactly("--label=-x", "f");
        List<FieldError> errors = rejected(t, "{\"file\":\"--output=/etc/x\",\"rest\":[\"ok\",\"-rf\"]}", Set.of());
        assertThat(errors).extracting(FieldError::field).containsExactly("file", "rest[1]");
        assertThat(errors).extracting(FieldError::rule).containsOnly("option");
        assertThat(expand(t, "{\"file\":\"-v\"}", Set.of("file"))).containsExactly("-v");
    }

    @Test
    void nulBytesAndOversizedArgumentsAreRefused() throws Exception {
        ArgvTemplate t = template("[\"{a}\", \"{b}\"]");
        assertThat(rejected(t, "{\"a\":\"x\\u0000y\",\"b\":\"z\"}", Set.of())).extracting(FieldError::rule)
                .containsExactly("nul");
        assertThat(rejected(t, "{\"a\":\"" + "x".repeat(101) + "\",\"b\":\"z\"}", Set.of()))
                .extracting(FieldError::rule).containsExactly("maxLength");
        assertThat(expand(t, "{\"a\":\"" + "x".repeat(100) + "\",\"b\":\"" + "y".repeat(100) + "\"}", Set.of()))
                .hasSize(2);
        assertThat(rejected(template("[\"{a}\", \"{b}\", \"{c}\"]"), "{\"a\":\"" + "x".repeat(100) + "\",\"b\":\""
                + "y".repeat(100) + "\",\"c\":\"" + "z".repeat(100) + "\"}", Set.of()))
                .extracting(FieldError::message).singleElement().asString().contains("303 bytes; the limit is 300");
    }

    @Test
    void aSpreadMustBeAWholeEntry() {
        assertThatThrownBy(() -> template("[\"--x={rest...}\"]")).hasMessageContaining("must be a whole entry");
    }

    @Test
    void theCommandBlockIsCheckedAgainstTheParameters() throws Exception {
        String base = """
                name: t_tool
                description: A tool to check how the command block is read.
                parameters:
                  properties:
                    file: {type: string}
                    rest: {type: string}
                """;
        ObjectNode ok = (ObjectNode) YAML.readTree(base + """
                command:
                  executable: /usr/bin/wc
                  args: ["-l", "{file}"]
                  path_params: [file]
                  sandbox: bwrap
                  limits: {cpu: 1500ms, memory_mb: 32, output_bytes: 100}
                tags: [reports, "files:read"]
                """);
        CommandSpec spec = CommandDefinitionReader.fromTree(ok, "file t.yaml");
        assertThat(spec.tags()).containsExactlyInAnyOrder("reports", "files:read");
        ObjectNode badTags = ok.deepCopy();
        badTags.putArray("tags").add("two words");
        assertThatThrownBy(() -> CommandDefinitionReader.fromTree(badTags, "file t.yaml"))
                .hasMessageContaining("tags holds \"two words\"");
        assertThat(spec.sandbox()).isEqualTo(Sandbox.BWRAP);
        assertThat(spec.cpuSeconds()).isEqualTo(2);
        assertThat(spec.pathParams()).containsExactly("file");
        assertThatThrownBy(() -> CommandDefinitionReader.fromTree((ObjectNode) YAML.readTree(base + """
                command: {executable: /usr/bin/wc, args: ["{nope}"]}
                """), "f")).hasMessageContaining("{nope} is used in command.args but is not one of the parameters");
        assertThatThrownBy(() -> CommandDefinitionReader.fromTree((ObjectNode) YAML.readTree(base + """
                command: {executable: /usr/bin/wc, args: ["{rest...}"]}
                """), "f")).hasMessageContaining("to be of type array");
        assertThatThrownBy(() -> CommandDefinitionReader.fromTree((ObjectNode) YAML.readTree(base + """
                command: {executable: /usr/bin/wc, shell: true}
                """), "f")).hasMessageContaining("unknown key(s) [command.shell]");
        assertThatThrownBy(() -> CommandDefinitionReader.fromTree((ObjectNode) YAML.readTree(base + """
                command: {executable: /usr/bin/wc, sandbox: docker}
                """), "f")).hasMessageContaining("command.sandbox must be none or bwrap");
    }
}
