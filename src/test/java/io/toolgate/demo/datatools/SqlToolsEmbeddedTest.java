package io.toolgate.demo.datatools;

import io.quarkus.test.junit.QuarkusTest;

/** The data tools' SQL corpus on the embedded H2 database, where the parser is what keeps queries read-only. */
@QuarkusTest
class SqlToolsEmbeddedTest extends SqlToolsContract {
}
