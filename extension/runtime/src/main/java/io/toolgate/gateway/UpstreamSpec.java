package io.toolgate.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.toolgate.command.Sandbox;
import io.toolgate.tool.ToolPolicy;

/**
 * An upstream MCP server as its definition file describes it ({@code mcp:} block): how to reach it, the prefix its
 * tools get, and the policy every one of its tools runs under.
 *
 * @param stdio null for an HTTP upstream
 * @param http null for a stdio upstream
 * @param timeout per call; null for {@code toolgate.defaults.timeout}
 * @param maxConcurrency calls in flight to this upstream at once, across all its tools
 * @param protocolVersion the MCP revision Toolgate asks the upstream for
 * @param pin whether its tools' definitions are pinned at first sight and quarantined when they change
 */
record UpstreamSpec(String name, String prefix, Stdio stdio, Http http, Duration timeout, int maxConcurrency,
        Set<String> roles, ToolPolicy.RateLimit rateLimit, boolean pin, String protocolVersion, String origin) {

    /**
     * @param environment the program's whole environment: fixed values, the allowlisted variables passed on from
     *        Toolgate's own, and secrets read from Toolgate's environment under the names the file gives
     */
    record Stdio(String executable, List<String> args, Map<String, String> environment, Sandbox sandbox,
            Long memoryMb, Integer openFiles) {
    }

    /**
     * @param headers sent on every request, the secret ones among them named in {@code secretHeaders}
     * @param oauth null unless Toolgate gets its token by the client credentials grant
     * @param identity null unless the caller's identity travels as a signed header
     */
    record Http(URI url, Map<String, String> headers, Set<String> secretHeaders, boolean allowPrivateNetwork,
            OAuth oauth, Identity identity) {
    }

    /** The OAuth 2.1 client credentials grant: where, as whom, and for what. */
    record OAuth(URI tokenUrl, String clientId, String clientSecret, String scope, String resource) {
    }

    /** The header the caller's signed identity travels in, and the key it is signed with. */
    record Identity(String header, String key) {
    }
}
