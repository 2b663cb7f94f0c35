package io.toolgate.mcp;

import java.util.List;
import java.util.Locale;

import io.toolgate.config.ToolgateConfig;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/**
 * Guards against DNS rebinding: a web page in a browser must not reach a local MCP server. Browsers always send
 * Origin on such requests, so one without it comes from a non-browser client and is allowed.
 */
@Singleton
public class OriginPolicy {

    private final List<String> allowed;

    @Inject
    public OriginPolicy(ToolgateConfig config) {
        this.allowed = config.mcp().allowedOrigins().stream()
                .map(o -> o.strip().toLowerCase(Locale.ROOT))
                .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o)
                .toList();
    }

    boolean allows(String origin) {
        if (origin == null) {
            return true;
        }
        String o = origin.strip().toLowerCase(Locale.ROOT);
        for (String entry : allowed) {
            if ("*".equals(entry) || o.equals(entry) || (o.startsWith(entry + ":") && hasPortOnly(o, entry))) {
                return true;
            }
        }
        return false;
    }

    // "http://localhost" allows "http://localhost:6274", never "http://localhost:80@evil" or the like.
    private static boolean hasPortOnly(String origin, String entry) {
        String port = origin.substring(entry.length() + 1);
        return !port.isEmpty() && port.chars().allMatch(Character::isDigit);
    }
}
