package io.toolgate.resource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.primitive.PrimitiveException;
import io.toolgate.security.Caller;

/**
 * One family of MCP resources (the shop documents, workflow runs, test fixtures, later a gateway upstream's), added
 * with {@link ResourceCatalog#register}. A family is one pipeline target, {@code resource:<name>}: its roles decide
 * who sees and reads anything of it, and every read is rate-limited, audited and counted under that name. The methods
 * may block (files, JDBC); the catalog runs reads on a tool thread.
 */
public interface ResourceSource {

    /** Short family name, unique in the catalog; the pipeline target is {@code resource:<name>}. */
    String name();

    /** One sentence on what the family holds (the target's description in call history). */
    String description();

    /** Roles of which a caller needs one to see and read this family; empty for everyone. */
    default Set<String> roles() {
        return Set.of();
    }

    /** True when the URI belongs to this family (whether or not such a resource exists). */
    boolean handles(String uri);

    /** The concrete resources this caller may see; the family's roles are already checked. */
    List<ResourceDescriptor> resources(Caller caller);

    /** The family's URI templates. */
    default List<ResourceTemplateDescriptor> templates() {
        return List.of();
    }

    /**
     * {@code {"contents":[...]}} (see {@link ResourceContents}).
     *
     * @throws PrimitiveException NOT_FOUND (with data.uri) for a resource that does not exist or that this caller
     *         may not see; INVALID_PARAMS for a URI that is malformed for this family
     */
    ObjectNode read(String uri, Caller caller) throws PrimitiveException;

    /** Whether this caller could read the URI now (for subscriptions); by default, whether a read succeeds. */
    default boolean exists(String uri, Caller caller) {
        try {
            read(uri, caller);
            return true;
        } catch (PrimitiveException e) {
            return false;
        }
    }

    /**
     * Values of one variable of one of this family's templates that start with {@code prefix} (any case), for
     * completion/complete; the catalog sorts and cuts them.
     *
     * @param context values of the template's other variables the client already knows
     */
    default List<String> complete(String uriTemplate, String variable, String prefix, Map<String, String> context,
            Caller caller) {
        return List.of();
    }
}
