package io.toolgate.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.toolgate.config.ToolgateConfig;
import io.toolgate.tool.ToolRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The virtual servers of {@code toolgate.virtual-servers}: each a curated catalogue of this deployment's tools, so
 * each agent gets its own from one deployment. Applied to the caller ({@link Caller#within}), so every stage and door
 * that asks what a caller may see or call (the listing, tool resolution) narrows to it alike.
 */
@Singleton
public class VirtualServers {

    /** The virtual server does not exist, or the caller may not use it. */
    public static final class Refused extends RuntimeException {
        private final boolean missing;

        Refused(String message, boolean missing) {
            super(message, null, false, false);
            this.missing = missing;
        }

        /** True for an unknown name (404), false for a caller without the role (403). */
        public boolean missing() {
            return missing;
        }
    }

    private final Map<String, Server> servers;

    private record Server(Predicate<String> tools, Set<String> roles) {
    }

    @Inject
    public VirtualServers(ToolgateConfig config, ToolRegistry registry) {
        Map<String, Server> s = new java.util.TreeMap<>();
        config.virtualServers().forEach((name, v) -> s.put(name, new Server(matcher(v.tools(), registry),
                v.roles().orElse(Set.of()))));
        this.servers = Map.copyOf(s);
    }

    /**
     * The caller as seen through a virtual server.
     *
     * @throws Refused for an unknown server, or a caller without one of its roles
     */
    public Caller scope(Caller caller, String server) {
        Server s = servers.get(server);
        if (s == null) {
            throw new Refused("no virtual server '" + server + "'; configured: " + servers.keySet(), true);
        }
        if (!caller.mayUse(s.roles())) {
            throw new Refused("virtual server '" + server + "' needs one of the roles " + s.roles().stream().sorted()
                    .toList() + "; caller '" + caller.principal() + "' has none", false);
        }
        return caller.within(new Caller.Scope(server, s.tools()));
    }

    /**
     * Names, globs, {@code tag:<tag>} and {@code upstream:<name>} entries (an upstream's tools carry the tag
     * {@code upstream:<name>}), matched against the registry as it is at call time.
     */
    private static Predicate<String> matcher(List<String> entries, ToolRegistry registry) {
        List<Pattern> globs = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (String entry : entries) {
            String e = entry.strip();
            if (e.startsWith("upstream:")) {
                tags.add(e);
            } else if (e.startsWith("tag:")) {
                tags.add(e.substring("tag:".length()));
            } else {
                globs.add(Pattern.compile(Pattern.quote(e).replace("*", "\\E.*\\Q")));
            }
        }
        return name -> {
            for (Pattern g : globs) {
                if (g.matcher(name).matches()) {
                    return true;
                }
            }
            if (!tags.isEmpty()) {
                java.util.Set<String> has = registry.find(name).map(t -> t.definition().tags())
                        .orElse(java.util.Set.of());
                for (String t : tags) {
                    if (has.contains(t)) {
                        return true;
                    }
                }
            }
            return false;
        };
    }
}
