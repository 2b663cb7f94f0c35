package io.toolgate.declarative;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * The only way declarative tools reach the network, with the SSRF rules applied to the first request and to every
 * redirect:
 * <ol>
 * <li>http or https only, no user-info in the URL, and the host written as a name or a canonical IP literal (the
 * decimal, octal and hex spellings some clients accept for 127.0.0.1 are refused outright);</li>
 * <li>the host must be in the tool's allowlist;</li>
 * <li>the name is resolved exactly once; unless the tool allows the private network, every address it resolves to
 * must be public unicast ({@link AddressRules});</li>
 * <li>the connection goes to that checked address ({@link RequestOptions#setServer}), while the Host header, TLS SNI
 * and certificate check keep the name: a second DNS answer can never be used (no rebinding window).</li>
 * </ol>
 * Redirects are followed by hand (at most {@code maxRedirects}), secret headers are dropped when one leaves the
 * original origin, and the response body is cut off at the tool's size limit.
 */
public final class SafeHttpClient {

    private static final Pattern NUMERIC_HOST = Pattern.compile("^(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*\\.?$");
    private static final Pattern CANONICAL_IPV4 = Pattern
            .compile("^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$");
    private static final Pattern HOST_NAME = Pattern.compile("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$");
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    // The blocking wait outlives Vert.x' own time-out a little, so that Vert.x reports the time-out itself.
    private static final long WAIT_GRACE_MS = 500;

    private final HttpClient client;
    private final HostResolver resolver;
    private final int maxRedirects;

    public SafeHttpClient(Vertx vertx, HostResolver resolver, int maxRedirects) {
        this.resolver = resolver;
        this.maxRedirects = maxRedirects;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setVerifyHost(true)
                .setForceSni(true)
                .setTrustAll(false)
                // Compressed bodies are not asked for: the size limit applies to what is read off the wire.
                .setDecompressionSupported(false)
                .setMaxPoolSize(32));
    }

    /** A request checked and pinned to the address it will connect to. */
    record Target(URI uri, String host, int port, boolean tls, InetAddress address) {
    }

    /**
     * Sends the request and follows allowed redirects; blocks the calling (worker or virtual) thread.
     *
     * @throws OutboundRefusedException when a URL or address breaks the rules
     * @throws UpstreamFailureException when the service cannot be reached, times out or answers too much
     * @throws InterruptedException when the pipeline's time-out interrupts the call
     */
    public OutboundResponse send(OutboundRequest request, OutboundPolicy policy) throws InterruptedException {
        return send(request, policy, null);
    }

    /**
     * As {@link #send(OutboundRequest, OutboundPolicy)}, except that when {@code eventStream} is given and the final
     * answer is a {@code text/event-stream}, its body goes to {@code eventStream} chunk by chunk as it arrives (on an
     * event-loop thread; the returned body is then empty) and this returns when the stream ends. The size limit and
     * the deadline apply to the whole stream. An interrupt closes the connection, so the server sees the caller go.
     */
    public OutboundResponse send(OutboundRequest request, OutboundPolicy policy,
            java.util.function.Consumer<byte[]> eventStream) throws InterruptedException {
        long deadline = System.nanoTime() + policy.timeout().toNanos();
        String method = request.method();
        byte[] body = request.body();
        URI uri = request.uri();
        Target origin = null;
        for (int hop = 0;; hop++) {
            Target target = check(uri, policy);
            if (origin == null) {
                origin = target;
            }
            boolean sameOrigin = sameOrigin(origin, target);
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remaining <= 0) {
                throw new UpstreamFailureException("the request to " + target.host() + " timed out");
            }
            Result result = exchange(target, method, request.headers(), sameOrigin ? Set.of()
                    : request.secretHeaders(), body, remaining, policy.maxResponseBytes(), eventStream);
            OutboundResponse response = result.response();
            if (!REDIRECTS.contains(response.status())) {
                return response;
            }
            if (hop >= maxRedirects) {
                throw new UpstreamFailureException(target.host() + " redirected more than " + maxRedirects
                        + " times");
            }
            uri = redirectTarget(uri, result.location());
            if (response.status() == 303 || (response.status() <= 302 && !method.equals("GET")
                    && !method.equals("HEAD"))) {
                method = "GET";
                body = null;
            }
        }
    }

    /** Applies rules 1 to 3 and picks the address to connect to. */
    Target check(URI uri, OutboundPolicy policy) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new OutboundRefusedException("only http and https URLs may be called, not '" + scheme + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new OutboundRefusedException("URLs with user information before the host are not allowed");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new OutboundRefusedException("the URL has no valid host name");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".") && !host.startsWith("[")) {
            host = host.substring(0, host.length() - 1);
        }
        InetAddress literal = literalAddress(host);
        if (!policy.allows(host)) {
            throw new OutboundRefusedException("host '" + host + "' is not in this tool's allowed hosts");
        }
        InetAddress address = literal != null ? literal : resolveOnce(host, policy);
        if (literal != null && !policy.allowPrivateNetwork()) {
            refuseInternal(host, literal);
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        return new Target(uri, host, port, tls, address);
    }

    /** The address of an IP literal host, null for a name; refuses the non-canonical spellings of IPv4. */
    private static InetAddress literalAddress(String host) {
        try {
            if (host.startsWith("[") && host.endsWith("]")) {
                return InetAddress.getByName(host.substring(1, host.length() - 1));
            }
            if (NUMERIC_HOST.matcher(host).matches()) {
                if (!CANONICAL_IPV4.matcher(host).matches()) {
                    throw new OutboundRefusedException("host '" + host
                            + "' is an IP address in a non-standard form; write it as four decimal numbers");
                }
                return InetAddress.getByName(host);
            }
        } catch (UnknownHostException e) {
            throw new OutboundRefusedException("host '" + host + "' is not a valid IP address");
        }
        if (!HOST_NAME.matcher(host).matches()) {
            throw new OutboundRefusedException("host '" + host + "' is not a valid host name");
        }
        return null;
    }

    private InetAddress resolveOnce(String host, OutboundPolicy policy) {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new UpstreamFailureException("host '" + host + "' could not be resolved");
        }
        if (addresses == null || addresses.isEmpty()) {
            throw new UpstreamFailureException("host '" + host + "' could not be resolved");
        }
        if (!policy.allowPrivateNetwork()) {
            // Every answer must be public: a name that resolves to one public and one internal address is refused.
            for (InetAddress a : addresses) {
                refuseInternal(host, a);
            }
        }
        return addresses.get(0);
    }

    private static void refuseInternal(String host, InetAddress address) {
        Optional<String> kind = AddressRules.internalKind(address);
        if (kind.isPresent()) {
            throw new OutboundRefusedException("host '" + host + "' is a " + kind.get()
                    + " address, which this tool may not reach");
        }
    }

    private static boolean sameOrigin(Target a, Target b) {
        return a.tls() == b.tls() && a.host().equals(b.host()) && a.port() == b.port();
    }

    private static URI redirectTarget(URI current, String location) {
        if (location == null || location.isBlank()) {
            throw new UpstreamFailureException("the service answered a redirect without a Location");
        }
        try {
            return current.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new OutboundRefusedException("the service redirected to a malformed URL");
        }
    }

    private Result exchange(Target target, String method, Map<String, String> headers,
            Set<String> dropped, byte[] body, long timeoutMs, int maxBytes,
            java.util.function.Consumer<byte[]> eventStream) throws InterruptedException {
        String pathAndQuery = (target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty() ? "/"
                : target.uri().getRawPath())
                + (target.uri().getRawQuery() == null ? "" : "?" + target.uri().getRawQuery());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(method))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.tls())
                .setURI(pathAndQuery)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setFollowRedirects(false)
                .setConnectTimeout(timeoutMs)
                .setIdleTimeout(timeoutMs);
        headers.forEach((name, value) -> {
            if (!dropped.contains(name)) {
                options.addHeader(name, value);
            }
        });
        Promise<Result> result = Promise.promise();
        java.util.concurrent.atomic.AtomicReference<io.vertx.core.http.HttpClientRequest> sent =
                new java.util.concurrent.atomic.AtomicReference<>();
        // The body handlers are attached inside the event-loop callback that receives the response head: attached
        // later, from this thread, they could miss a short body that has already ended.
        client.request(options)
                .onFailure(result::tryFail)
                .onSuccess(req -> {
                    sent.set(req);
                    (body == null ? req.send() : req.send(Buffer.buffer(body)))
                        .onFailure(result::tryFail)
                        .onSuccess(response -> {
                            try {
                                read(response, maxBytes, result, eventStream);
                            } catch (RuntimeException e) {
                                result.tryFail(e);
                            }
                        });
                });
        Result r;
        try {
            r = result.future().toCompletionStage().toCompletableFuture()
                    .get(timeoutMs + WAIT_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            reset(sent.get());
            throw e;
        } catch (TimeoutException e) {
            reset(sent.get());
            throw new UpstreamFailureException("the request to " + target.host() + " timed out");
        } catch (ExecutionException e) {
            throw failure(target, e.getCause());
        }
        return r;
    }

    private record Result(OutboundResponse response, String location) {
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** Abandons a request the caller no longer waits for: the connection closes, so the server can stop too. */
    private static void reset(io.vertx.core.http.HttpClientRequest request) {
        if (request != null) {
            request.reset();
        }
    }

    private static void read(HttpClientResponse response, int maxBytes, Promise<Result> result,
            java.util.function.Consumer<byte[]> eventStream) {
        // Set first: the reset below makes the response report an error, which is expected, not worth a log line.
        response.exceptionHandler(result::tryFail);
        String length = response.getHeader("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBytes) {
            result.tryFail(new TooLarge());
            response.request().reset();
            return;
        }
        String type = response.getHeader("Content-Type");
        if (eventStream != null && !REDIRECTS.contains(response.statusCode()) && type != null
                && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
            long[] seen = { 0 };
            response.handler(chunk -> {
                seen[0] += chunk.length();
                if (seen[0] > maxBytes) {
                    result.tryFail(new TooLarge());
                    response.request().reset();
                    return;
                }
                try {
                    eventStream.accept(chunk.getBytes());
                } catch (RuntimeException e) {
                    result.tryFail(e);
                    response.request().reset();
                }
            });
            response.endHandler(done -> result.tryComplete(new Result(new OutboundResponse(response.statusCode(),
                    type, new byte[0], headers(response)), null)));
            return;
        }
        Buffer collected = Buffer.buffer();
        response.handler(chunk -> {
            if (collected.length() + chunk.length() > maxBytes) {
                result.tryFail(new TooLarge());
                response.request().reset();
            } else {
                collected.appendBuffer(chunk);
            }
        });
        response.endHandler(done -> result.tryComplete(new Result(new OutboundResponse(response.statusCode(),
                response.getHeader("Content-Type"), collected.getBytes(), headers(response)),
                response.getHeader("Location"))));
    }

    private static java.util.Map<String, String> headers(HttpClientResponse response) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        response.headers().forEach(h -> out.putIfAbsent(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
        return out;
    }

    private static RuntimeException failure(Target target, Throwable cause) {
        if (cause instanceof io.toolgate.tool.UpstreamException own) {
            return own; // an event-stream consumer's own verdict
        }
        if (cause instanceof TooLarge) {
            return new UpstreamFailureException("the response of " + target.host() + " is larger than this tool's"
                    + " limit");
        }
        if (cause instanceof ConnectException) {
            return new UpstreamFailureException("could not connect to " + target.host());
        }
        if (cause instanceof io.netty.handler.timeout.TimeoutException || cause instanceof TimeoutException
                || cause.getClass().getSimpleName().contains("Timeout")) {
            return new UpstreamFailureException("the request to " + target.host() + " timed out");
        }
        if (cause instanceof javax.net.ssl.SSLException) {
            return new UpstreamFailureException("the TLS connection to " + target.host() + " failed");
        }
        // Anything else is described without its own message, which may quote headers or addresses.
        return new UpstreamFailureException("the request to " + target.host() + " failed");
    }

    public void close() {
        client.close();
    }
}
