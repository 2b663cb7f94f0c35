package io.toolgate.security;

import java.util.Set;
import java.util.function.Predicate;

/**
 * Who is calling: the authenticated principal and its roles, or the anonymous caller when no authentication is
 * configured. Every door puts the caller into the Invocation; the pipeline's stages decide with it.
 *
 * @param method how the caller was authenticated: {@code api-key}, {@code jwt} or {@code none}
 * @param scope the virtual server the caller came through, which narrows the tools it sees; null for all tools
 */
public record Caller(String principal, Set<String> roles, String method, Scope scope) {

    /** A virtual server's catalogue: its name and which tool names it serves. */
    public record Scope(String server, Predicate<String> tools) {
    }

    public Caller(String principal, Set<String> roles, String method) {
        this(principal, roles, method, null);
    }

    /** The same caller, seeing only what the virtual server serves. */
    public Caller within(Scope scope) {
        return new Caller(principal, roles, method, scope);
    }

    /** Whether the tool is in the caller's view (every tool, unless it came through a virtual server). */
    public boolean sees(String tool) {
        return scope == null || scope.tools().test(tool);
    }

    /** The role name that stands for "any authenticated caller", as in Quarkus' {@code @RolesAllowed("**")}. */
    public static final String ANY_AUTHENTICATED = "**";

    public static Caller anonymous(Set<String> roles) {
        return new Caller("anonymous", Set.copyOf(roles), "none", null);
    }

    public boolean authenticated() {
        return !"none".equals(method);
    }

    /** True when the caller holds at least one of the roles, or the set is empty (no restriction). */
    public boolean mayUse(Set<String> requiredRoles) {
        if (requiredRoles.isEmpty()) {
            return true;
        }
        for (String role : requiredRoles) {
            if (ANY_AUTHENTICATED.equals(role) ? authenticated() : roles.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
