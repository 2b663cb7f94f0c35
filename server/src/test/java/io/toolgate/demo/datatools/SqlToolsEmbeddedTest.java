package io.toolgate.demo.datatools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.toolgate.tool.ToolException;
import jakarta.inject.Inject;

/**
 * The data tools' SQL corpus on the embedded H2 database, plus the second line there: statements the parser would
 * refuse are handed to the runner directly, to show the H2 reader user cannot run them on its own.
 */
@QuarkusTest
class SqlToolsEmbeddedTest extends SqlToolsContract {

    @Inject
    ReadOnlyQueries queries;
    @Inject
    H2ReaderAccount reader;

    @Order(2)
    @Test
    void theH2ReaderUserHoldsWithoutTheParser() {
        assertThatThrownBy(() -> queries.run("SELECT * FROM states", List.of(), 10))
                .isInstanceOf(ToolException.class).hasMessageContaining("the database refused the query");
        assertThatThrownBy(() -> queries.run("SELECT * FROM flyway_schema_history", List.of(), 10))
                .isInstanceOf(ToolException.class).hasMessageContaining("the database refused the query");
        assertThatThrownBy(() -> queries.run("SELECT FILE_READ('/etc/passwd')", List.of(), 10))
                .isInstanceOf(ToolException.class).hasMessageContaining("the database refused the query");
        assertThatThrownBy(() -> queries.run("SELECT * FROM CSVREAD('/etc/passwd')", List.of(), 10))
                .isInstanceOf(ToolException.class).hasMessageContaining("the database refused the query");
    }

    @Order(2)
    @Test
    void theH2ReaderUserCannotWriteEvenWithExecute() throws Exception {
        // The runner only ever calls executeQuery; a plain execute() on the reader's own connection shows the user
        // itself lacks the rights, whatever method a future caller uses.
        try (Connection c = reader.connect(); Statement s = c.createStatement()) {
            for (String write : List.of("DELETE FROM orders", "UPDATE products SET price = 0", "DROP TABLE orders",
                    "CREATE TABLE stolen (id INT)", "INSERT INTO customers (id) VALUES (1)")) {
                assertThatThrownBy(() -> s.execute(write)).as(write).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("90096", "90040", "42501"));
            }
        }
    }
}
