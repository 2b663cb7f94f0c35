package io.toolgate.security;

import java.util.concurrent.Callable;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;

/**
 * Runs a tool method as its caller when the application has Quarkus Security: in a request context of its own
 * (tools run on Toolgate's threads, and workflows resume with no HTTP request at all) whose identity is the caller,
 * so that Quarkus's {@code @RolesAllowed} interceptor and {@code @Inject SecurityIdentity} agree with the roles
 * Toolgate's authorization stage already checked. Without Quarkus Security the method is simply called.
 */
public final class ToolIdentity {

    private ToolIdentity() {
    }

    /** Whether the application has Quarkus Security (looked up once per tool, at registration). */
    public static boolean applies() {
        return Arc.container() != null && Arc.container().select(CurrentIdentityAssociation.class).isResolvable();
    }

    public static <T> T callAs(Caller caller, Callable<T> call) throws Exception {
        ManagedContext requests = Arc.container().requestContext();
        InjectableContext.ContextState outer = requests.isActive() ? requests.getState() : null;
        requests.activate();
        try {
            try (InstanceHandle<CurrentIdentityAssociation> identity = Arc.container()
                    .instance(CurrentIdentityAssociation.class)) {
                identity.get().setIdentity(new CallerIdentity(caller));
            }
            return call.call();
        } finally {
            requests.terminate();
            if (outer != null) {
                requests.activate(outer);
            }
        }
    }
}
