package io.toolgate.security;

import io.toolgate.config.ToolgateConfig;
import io.toolgate.invoke.ErrorCode;
import io.toolgate.rest.RestErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

/**
 * The one rule for what only an administrator may do over HTTP (read the audit log, approve tool sources, define
 * workflows, approve or cancel a run): holding {@code toolgate.security.admin-role}; and the one answer when the
 * caller does not, 403 {@code FORBIDDEN} naming the role, in the shape of every other REST error.
 */
@ApplicationScoped
public class AdminRole {

    @Inject
    ToolgateConfig config;

    public String name() {
        return config.security().adminRole();
    }

    public boolean heldBy(Caller caller) {
        return caller.roles().contains(name());
    }

    /**
     * Whose records (calls, workflow runs) the caller may list: null, everyone's, for an administrator; else only
     * the caller's own principal.
     */
    public String visiblePrincipal(Caller caller) {
        return heldBy(caller) ? null : caller.principal();
    }

    /** Null when the caller holds the role, else the 403 answer; {@code what} completes "... needs the role 'x'". */
    public Response refusal(Caller caller, String what) {
        if (heldBy(caller)) {
            return null;
        }
        return RestErrors.refuse(403, ErrorCode.FORBIDDEN, "(caller)", "role",
                what + " needs the role '" + name() + "'");
    }
}
