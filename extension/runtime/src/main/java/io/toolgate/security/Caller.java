package io.toolgate.security;

import java.util.Set;

/**
 * Who is calling: the authenticated principal and its roles, or the anonymous caller when no authentication is
 * configured. Every door puts the caller into the Invocation; the pipeline's stages decide with it.
 *
 * @param method how the caller was authenticated: {@code api-key}, {@code jwt} or {@code none}
 */
public record Caller(String principal, Set<String> roles, String method) {

    /** The role name that stands for "any authenticated caller", as in Quarkus' {@code @RolesAllowed("**")}. */
    public static final String ANY_AUTHENTICATED = "**";

    public static Caller anonymous(Set<String> roles) {
        return new Caller("anonymous", Set.copyOf(roles), "none");
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
