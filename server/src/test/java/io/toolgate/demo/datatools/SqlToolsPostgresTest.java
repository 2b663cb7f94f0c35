package io.toolgate.demo.datatools;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toolgate.PostgresProfile;
import io.toolgate.tool.ToolException;
import jakarta.inject.Inject;

/**
 * The same corpus on the local PostgreSQL, plus the second line there: statements that never get past the parser are
 * handed to the runner directly, to show the read-only transaction and the reader role refuse them on their own.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class SqlToolsPostgresTest extends SqlToolsContract {

    @Inject
    ReadOnlyQueries queries;

    @Order(2)
    @Test
    void theReaderRoleAndTheReadOnlyTransactionHoldWithoutTheParser() {
        assertThatThrownBy(() -> queries.run("SELECT * FROM states", List.of(), 10))
                .isInstanceOf(ToolException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> queries.run("SELECT * FROM flyway_schema_history", List.of(), 10))
                .isInstanceOf(ToolException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> queries.run("DELETE FROM orders RETURNING id", List.of(), 10))
                .isInstanceOf(ToolException.class).hasMessageContaining("read-only transaction");
        assertThatThrownBy(() -> queries.run("SELECT pg_read_file('/etc/passwd')", List.of(), 10))
                .isInstanceOf(ToolException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> queries.run("SELECT pg_sleep(3)", List.of(), 10))
                .isInstanceOf(ToolException.class).hasMessageContaining("cancelled");
    }
}
