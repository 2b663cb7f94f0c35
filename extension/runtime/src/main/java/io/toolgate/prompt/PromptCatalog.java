package io.toolgate.prompt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.config.ToolgateConfig;
import io.toolgate.invoke.CallControl;
import io.toolgate.primitive.Listeners;
import io.toolgate.primitive.Pages;
import io.toolgate.primitive.PrimitiveException;
import io.toolgate.primitive.PrimitiveTargets;
import io.toolgate.resource.ResourceCatalog;
import io.toolgate.security.Caller;
import io.toolgate.tool.ClientInput;
import io.toolgate.tool.RegisteredTool;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Every MCP prompt Toolgate serves, from prompt files ({@link PromptFolder}) or registered in code. Each prompt is
 * one pipeline target, {@code prompt:<name>}, whose input schema is the prompt's arguments as string properties: a
 * get is authorized by the prompt's roles, rate-limited, its arguments validated by the pipeline's schema stage
 * (missing, unknown and non-string arguments are INVALID_PARAMS naming the argument), timed out and audited. A prompt
 * the caller's roles exclude is neither listed nor gettable, and looks exactly like an unknown one.
 */
@Singleton
public class PromptCatalog {

    private static final Logger LOG = Logger.getLogger(PromptCatalog.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** A prompt with its compiled pipeline target. */
    public record Registered(PromptDefinition definition, RegisteredTool target) {
        /** The prompt's roles plus {@code toolgate.tools."prompt:<name>".roles}. */
        public boolean visibleTo(Caller caller) {
            return caller.mayUse(target.definition().policy().roles());
        }
    }

    private final PrimitiveTargets targets;
    private final ResourceCatalog resources;
    private final int pageSize;
    private final Listeners<Void> listChanged = new Listeners<>();
    private volatile Map<String, Registered> byName = Map.of();

    @Inject
    public PromptCatalog(PrimitiveTargets targets, ResourceCatalog resources, ToolgateConfig config) {
        this.targets = targets;
        this.resources = resources;
        this.pageSize = config.mcp().pageSize();
    }

    /**
     * Adds a prompt and announces the changed list.
     *
     * @throws IllegalArgumentException when the name is taken
     */
    public synchronized void register(PromptDefinition prompt) {
        Registered existing = byName.get(prompt.name());
        if (existing != null) {
            throw new IllegalArgumentException("prompt name '" + prompt.name() + "' is already defined by "
                    + existing.definition().origin());
        }
        boolean asks = prompt.arguments().stream().anyMatch(a -> a.ask() != null);
        // A prompt that may ask the client waits for the answer, so it must not run on the event loop.
        RegisteredTool target = asks
                ? targets.blocking("prompt:" + prompt.name(), prompt.description(), schema(prompt), prompt.roles(),
                        (arguments, caller) -> join(render(prompt, askMissing(prompt, arguments), caller)))
                : targets.async("prompt:" + prompt.name(), prompt.description(), schema(prompt), prompt.roles(),
                        (arguments, caller) -> render(prompt, arguments, caller));
        Map<String, Registered> next = new TreeMap<>(byName);
        next.put(prompt.name(), new Registered(prompt, target));
        byName = next;
        listChanged.fire(null);
    }

    /** Removes a prompt and announces the changed list; false when there was none of that name. */
    public synchronized boolean unregister(String name) {
        if (!byName.containsKey(name)) {
            return false;
        }
        Map<String, Registered> next = new TreeMap<>(byName);
        next.remove(name);
        byName = next;
        listChanged.fire(null);
        return true;
    }

    /** Called after every change of the prompt set. */
    public void onListChanged(Runnable listener) {
        listChanged.add(ignored -> listener.run());
    }

    /** The prompt, when it exists and this caller may see it. */
    public Optional<Registered> find(String name, Caller caller) {
        Registered r = name == null ? null : byName.get(name);
        return r != null && r.visibleTo(caller) ? Optional.of(r) : Optional.empty();
    }

    /** {@code {"prompts":[{name,title?,description,arguments:[{name,description?,required}]}], "nextCursor"?}}. */
    public ObjectNode list(String cursor, Caller caller) throws PrimitiveException {
        List<Registered> visible = new ArrayList<>();
        for (Registered r : byName.values()) {
            if (r.visibleTo(caller)) {
                visible.add(r);
            }
        }
        Pages.Page<Registered> page = Pages.page(visible, r -> r.definition().name(), cursor, pageSize);
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putArray("prompts");
        for (Registered r : page.items()) {
            PromptDefinition d = r.definition();
            ObjectNode p = list.addObject().put("name", d.name());
            if (d.title() != null) {
                p.put("title", d.title());
            }
            p.put("description", d.description());
            ArrayNode arguments = p.putArray("arguments");
            for (PromptArgument a : d.arguments()) {
                ObjectNode arg = arguments.addObject().put("name", a.name());
                if (a.description() != null) {
                    arg.put("description", a.description());
                }
                arg.put("required", a.required());
            }
        }
        if (page.nextCursor() != null) {
            body.put("nextCursor", page.nextCursor());
        }
        return body;
    }

    /**
     * {@code {"description", "messages":[{role, content}]}}, through the pipeline as {@code prompt:<name>}. Completes
     * exceptionally with a {@link PrimitiveException}: NOT_FOUND for an unknown or hidden prompt, INVALID_PARAMS for
     * arguments that break the prompt's argument list.
     *
     * @param arguments the {@code arguments} object of prompts/get; null for none
     */
    public CompletionStage<ObjectNode> get(String name, JsonNode arguments, Caller caller, CallControl control) {
        PrimitiveException unknown = PrimitiveException.notFound("Unknown prompt: " + name);
        Registered r = name == null ? null : byName.get(name);
        if (r == null) {
            return CompletableFuture.failedFuture(unknown);
        }
        ObjectNode args = arguments == null || arguments.isNull() ? JSON.objectNode()
                : arguments instanceof ObjectNode o ? o : null;
        if (args == null) {
            return CompletableFuture.failedFuture(PrimitiveException.invalidParams(
                    "arguments must be an object of string values"));
        }
        return targets.invoke(r.target(), args, caller, control, unknown);
    }

    /**
     * The arguments with those the caller left out but the prompt may ask for filled in from the person's answers
     * ({@link ClientInput}: a question on the call's stream under the 2025 revisions, an input-required result under
     * 2026-07-28, refused readably where nobody can be asked).
     */
    private static ObjectNode askMissing(PromptDefinition prompt, ObjectNode arguments) throws PrimitiveException {
        ObjectNode filled = arguments.deepCopy();
        for (PromptArgument a : prompt.arguments()) {
            if (a.ask() == null || filled.hasNonNull(a.name())) {
                continue;
            }
            ObjectNode form = JSON.objectNode().put("type", "object");
            ObjectNode field = form.putObject("properties").putObject(a.name()).put("type", "string");
            if (a.description() != null) {
                field.put("description", a.description());
            }
            form.putArray("required").add(a.name());
            String value;
            try {
                value = ClientInput.acceptedText(ClientInput.elicit(a.name(), a.ask(), form), a.name());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PrimitiveException(PrimitiveException.Kind.INTERNAL, "interrupted while asking for "
                        + a.name());
            }
            if (value == null) {
                throw PrimitiveException.invalidParams("argument '" + a.name() + "' was not given, and the person"
                        + " asked for it did not provide it");
            }
            filled.put(a.name(), value);
        }
        return filled;
    }

    private static JsonNode join(CompletionStage<ObjectNode> rendering) throws PrimitiveException {
        try {
            return rendering.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof PrimitiveException p) {
                throw p;
            }
            throw e;
        }
    }

    /** Body of a prompt's target: its messages with the arguments filled in, embedded resources read. */
    private CompletionStage<ObjectNode> render(PromptDefinition prompt, ObjectNode arguments, Caller caller) {
        Map<String, String> values = new HashMap<>();
        arguments.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        List<CompletableFuture<List<ObjectNode>>> parts = new ArrayList<>();
        for (PromptMessage message : prompt.messages()) {
            parts.add(content(prompt, message.content(), values, caller).toCompletableFuture()
                    .thenApply(contents -> contents.stream().map(c -> {
                        ObjectNode m = JSON.objectNode().put("role", message.role());
                        m.set("content", c);
                        return m;
                    }).toList()));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            ObjectNode body = JSON.objectNode();
            body.put("description", prompt.description());
            ArrayNode messages = body.putArray("messages");
            parts.forEach(p -> messages.addAll(p.join()));
            return body;
        });
    }

    private CompletionStage<List<ObjectNode>> content(PromptDefinition prompt, PromptContent content,
            Map<String, String> values, Caller caller) {
        if (content instanceof PromptContent.Text t) {
            return done(JSON.objectNode().put("type", "text").put("text", Placeholders.fill(t.text(), values)));
        }
        if (content instanceof PromptContent.Image i) {
            return done(JSON.objectNode().put("type", "image").put("data", i.data()).put("mimeType", i.mimeType()));
        }
        if (content instanceof PromptContent.InlineResource r) {
            ObjectNode resource = JSON.objectNode().put("uri", Placeholders.fill(r.uri(), values));
            if (r.mimeType() != null) {
                resource.put("mimeType", r.mimeType());
            }
            if (r.blob() != null) {
                resource.put("blob", r.blob());
            } else {
                resource.put("text", Placeholders.fill(r.text(), values));
            }
            ObjectNode c = JSON.objectNode().put("type", "resource");
            c.set("resource", resource);
            return done(c);
        }
        PromptContent.Resource embedded = (PromptContent.Resource) content;
        String uri = Placeholders.fill(embedded.uri(), values);
        // Read as the caller, through the pipeline: a prompt never hands out a resource its caller could not read.
        // Not cancellable with the get: resource reads are short, and the get's own timeout still bounds it.
        return resources.read(uri, caller, CallControl.none()).handle((body, failure) -> {
            if (failure != null) {
                throw new CompletionException(embeddingFailed(prompt, embedded.uri(), uri, failure));
            }
            List<ObjectNode> out = new ArrayList<>();
            for (JsonNode item : body.path("contents")) {
                ObjectNode c = JSON.objectNode().put("type", "resource");
                c.set("resource", item);
                out.add(c);
            }
            return out;
        });
    }

    private static PrimitiveException embeddingFailed(PromptDefinition prompt, String template, String uri,
            Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (!(cause instanceof PrimitiveException p)) {
            LOG.warnf(cause, "Prompt %s could not embed %s", prompt.name(), uri);
            return new PrimitiveException(PrimitiveException.Kind.INTERNAL, "prompt '" + prompt.name()
                    + "' could not embed the resource " + uri);
        }
        if (p.kind() == PrimitiveException.Kind.RATE_LIMITED) {
            return p;
        }
        String message = "prompt '" + prompt.name() + "' embeds the resource " + uri + ", which cannot be read: "
                + p.getMessage();
        // A URI built from the arguments is the caller's to fix; a fixed one is the prompt's author's.
        boolean fromArguments = !Placeholders.names(template).isEmpty();
        return new PrimitiveException(fromArguments ? PrimitiveException.Kind.INVALID_PARAMS
                : PrimitiveException.Kind.INTERNAL, message, p.data());
    }

    private static CompletionStage<List<ObjectNode>> done(ObjectNode content) {
        return CompletableFuture.completedFuture(List.of(content));
    }

    /** The arguments as string properties, required ones listed, nothing else accepted. */
    static ObjectNode schema(PromptDefinition prompt) {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (PromptArgument a : prompt.arguments()) {
            ObjectNode p = properties.putObject(a.name()).put("type", "string");
            if (a.description() != null) {
                p.put("description", a.description());
            }
            if (a.required()) {
                required.add(a.name());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }
}
