package io.toolgate.invoke;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.toolgate.tool.RegisteredTool;
import io.toolgate.tool.ToolRegistry;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/** Finds the called tool; an unknown name gets FUNCTION_NOT_FOUND naming the closest existing tools. */
@Singleton
public class ToolResolutionStage implements Stage {

    private final ToolRegistry registry;

    @Inject
    public ToolResolutionStage(ToolRegistry registry) {
        this.registry = registry;
    }

    @Override
    public CompletionStage<Outcome> handle(Invocation call, Chain next) {
        if (call.tool() != null) {
            return next.proceed(call); // a door-resolved target (Invocation.Builder.target)
        }
        RegisteredTool tool = call.toolName() == null ? null : registry.find(call.toolName()).orElse(null);
        if (tool != null && call.caller() != null && !call.caller().sees(tool.name())) {
            return CompletableFuture.completedFuture(Outcome.failure(ErrorCode.FUNCTION_NOT_FOUND, "Unknown tool "
                    + ValueText.shorten(call.toolName()) + " on virtual server '" + call.caller().scope().server()
                    + "'; its tools/list names the tools it serves"));
        }
        if (tool == null && registry.withheldReason(call.toolName()) != null) {
            return CompletableFuture.completedFuture(Outcome.failure(ErrorCode.TOOL_QUARANTINED, "Tool "
                    + ValueText.shorten(call.toolName()) + " is quarantined: " + registry.withheldReason(call.toolName())));
        }
        if (tool == null) {
            return CompletableFuture.completedFuture(Outcome.failure(ErrorCode.FUNCTION_NOT_FOUND,
                    "Unknown tool " + ValueText.shorten(call.toolName()) + ". " + suggestions(call.toolName())));
        }
        call.tool(tool);
        return next.proceed(call);
    }

    private String suggestions(String name) {
        List<String> names = registry.all().stream().map(RegisteredTool::name).toList();
        if (names.isEmpty()) {
            return "No tools are available.";
        }
        if (name == null) {
            return "Available tools: " + names;
        }
        List<String> closest = names.stream()
                .sorted(Comparator.comparingInt(n -> editDistance(n, name)))
                .limit(3)
                .toList();
        return "Did you mean one of " + closest + "? All tools are listed at GET /tools.";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
