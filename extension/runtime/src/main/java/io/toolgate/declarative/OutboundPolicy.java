package io.toolgate.declarative;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Where one tool may send requests and how much it may take back.
 *
 * @param allowedHosts host names, or {@code *.example.com} for its subdomains; nothing else is reachable
 * @param allowPrivateNetwork lets the tool reach loopback, private, link-local and other internal addresses
 * @param timeout the whole exchange, redirects included
 */
public record OutboundPolicy(List<String> allowedHosts, boolean allowPrivateNetwork, Duration timeout,
        int maxResponseBytes) {

    public OutboundPolicy {
        allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    }

    boolean allows(String host) {
        for (String allowed : allowedHosts) {
            if (allowed.equals(host)
                    || allowed.startsWith("*.") && host.endsWith(allowed.substring(1)) && host.length() > allowed.length() - 1) {
                return true;
            }
        }
        return false;
    }
}
