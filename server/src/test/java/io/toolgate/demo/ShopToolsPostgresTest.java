package io.toolgate.demo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toolgate.PostgresProfile;

/** The same demo shop behaviour on the real PostgreSQL server of this machine. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class ShopToolsPostgresTest extends ShopToolsContract {
}
