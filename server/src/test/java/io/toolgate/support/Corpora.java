package io.toolgate.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a corpus file (a JSON array of cases, each with a "case" name) as parameterized-test arguments. */
public final class Corpora {

    private Corpora() {
    }

    public static Stream<Arguments> cases(String resource) {
        try (InputStream in = Corpora.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus at " + resource);
            }
            List<Arguments> cases = new ArrayList<>();
            for (JsonNode c : new ObjectMapper().readTree(in)) {
                cases.add(Arguments.of(c.get("case").asText(), c));
            }
            return cases.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
