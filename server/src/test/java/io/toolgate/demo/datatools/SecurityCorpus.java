package io.toolgate.demo.datatools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The attack corpora in src/test/resources/security, one JUnit argument per case, named after the case. */
final class SecurityCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SecurityCorpus() {
    }

    /** One SQL case; {@code {repeat}} in the query is replaced by {@code repeat} written {@code times} times. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SqlCase(String name, String query, String database, int status, String code, String message, Integer rows,
            Boolean truncated, String repeat, Integer times) {

        String fullQuery() {
            return repeat == null ? query : query.replace("{repeat}", repeat.repeat(times));
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PathCase(String name, String path, int status, String code, String message, String contains) {
    }

    static Stream<Arguments> sql() {
        return read("sql-injection-corpus.json", new TypeReference<List<SqlCase>>() {
        }).stream().map(c -> Arguments.of(Named.of(c.name(), c)));
    }

    static Stream<Arguments> paths() {
        return read("path-traversal-corpus.json", new TypeReference<List<PathCase>>() {
        }).stream().map(c -> Arguments.of(Named.of(c.name(), c)));
    }

    private static <T> List<T> read(String file, TypeReference<List<T>> type) {
        try (InputStream in = SecurityCorpus.class.getResourceAsStream("/security/" + file)) {
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
