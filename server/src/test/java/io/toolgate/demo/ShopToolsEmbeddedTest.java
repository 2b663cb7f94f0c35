package io.toolgate.demo;

import io.quarkus.test.junit.QuarkusTest;

/** The demo shop on the embedded H2 database, the default. */
@QuarkusTest
class ShopToolsEmbeddedTest extends ShopToolsContract {
}
