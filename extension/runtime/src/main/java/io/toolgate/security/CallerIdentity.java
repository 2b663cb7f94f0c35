package io.toolgate.security;

import java.security.Permission;
import java.security.Principal;
import java.util.Map;
import java.util.Set;

import io.quarkus.security.credential.Credential;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * A Toolgate caller as a Quarkus {@link SecurityIdentity}: what {@code @Inject SecurityIdentity} and Quarkus's own
 * {@code @RolesAllowed} checks see while a tool runs, whichever door the call came through (an API key, the
 * application's login, a workflow resuming in the background).
 */
record CallerIdentity(Caller caller) implements SecurityIdentity {

    @Override
    public Principal getPrincipal() {
        return caller::principal;
    }

    @Override
    public boolean isAnonymous() {
        return !caller.authenticated();
    }

    @Override
    public Set<String> getRoles() {
        return caller.roles();
    }

    @Override
    public boolean hasRole(String role) {
        return caller.roles().contains(role);
    }

    @Override
    public Set<Permission> getPermissions() {
        return Set.of();
    }

    @Override
    public <T extends Credential> T getCredential(Class<T> type) {
        return null;
    }

    @Override
    public Set<Credential> getCredentials() {
        return Set.of();
    }

    @Override
    public <T> T getAttribute(String name) {
        return null;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return Map.of();
    }

    @Override
    public Uni<Boolean> checkPermission(Permission permission) {
        return Uni.createFrom().item(false);
    }
}
