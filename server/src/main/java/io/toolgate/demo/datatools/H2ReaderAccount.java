package io.toolgate.demo.datatools;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;

import io.toolgate.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * H2's counterpart of PostgreSQL's {@code toolgate_reader} role. H2 has no SET ROLE and ignores
 * {@code Connection.setReadOnly}, so the data tools' H2 queries run on a connection of their own, logged in as a
 * user that may only SELECT the allowlisted tables. Such a user also lacks the admin rights H2 requires for
 * FILE_READ, FILE_WRITE, CSVREAD, CSVWRITE, LINK_SCHEMA, SCRIPT and CREATE ALIAS. Its password is random and new
 * on every start, never configured, logged or stored anywhere but in the database itself.
 */
@ApplicationScoped
public class H2ReaderAccount {

    static final String USER = "TOOLGATE_READER";

    private final Database database;
    private volatile Login login;

    private record Login(String url, Properties properties) {
    }

    @Inject
    public H2ReaderAccount(Database database) {
        this.database = database;
    }

    /** A new connection as the reader user; the caller closes it. */
    Connection connect() throws SQLException {
        Login current = login;
        if (current == null) {
            current = create();
        }
        return new org.h2.Driver().connect(current.url(), current.properties());
    }

    private synchronized Login create() throws SQLException {
        if (login != null) {
            return login;
        }
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        // Hex digits only, so the password can be written into the statement without any quoting question.
        String password = HexFormat.of().formatHex(secret);
        try (Connection admin = database.dataSource().getConnection(); Statement s = admin.createStatement()) {
            s.execute("CREATE USER IF NOT EXISTS \"" + USER + "\" PASSWORD '" + password + "'");
            s.execute("ALTER USER \"" + USER + "\" SET PASSWORD '" + password + "'");
            s.execute("GRANT SELECT ON customers, products, orders, order_lines TO \"" + USER + "\"");
            Properties properties = new Properties();
            properties.setProperty("user", USER);
            properties.setProperty("password", password);
            login = new Login(admin.getMetaData().getURL(), properties);
            return login;
        }
    }
}
