package io.toolgate.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import io.restassured.RestAssured;

/** {@code GET /calls/stream} as the console reads it: the first event's data line, read on another thread. */
final class CallStream implements AutoCloseable {

    final HttpResponse<java.io.InputStream> response;
    private final BufferedReader lines;
    /** The first {@code data:} line, once it arrives. */
    final CompletableFuture<String> firstData;

    CallStream(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + pathAndQuery)).header("Accept", "text/event-stream");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        firstData = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = lines.readLine()) != null;) {
                    if (line.startsWith("data:")) {
                        return line;
                    }
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
