package io.toolgate.security;

import java.nio.file.Path;

import io.toolgate.config.ToolgateConfig;
import io.toolgate.config.ToolgateConfig.AuditSink;
import io.toolgate.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Chooses the audit log's store from {@code toolgate.audit.sink}: the application's database when it has one, else
 * the JSON Lines file (an application without a datasource loses no record either).
 */
@ApplicationScoped
public class AuditStores {

    @Produces
    @ApplicationScoped
    AuditStore store(ToolgateConfig config, Database database) {
        ToolgateConfig.Audit audit = config.audit();
        AuditSink sink = audit.sink();
        if (sink == AuditSink.AUTO) {
            sink = database.application().isPresent() ? AuditSink.DATABASE : AuditSink.FILE;
        }
        AuditStore store = sink == AuditSink.DATABASE ? new JdbcAuditStore(database.durable("the database audit sink"))
                : new JsonLinesAuditStore(Path.of(audit.file()), audit.fileRotateSize().asLongValue());
        return store;
    }

    void close(@jakarta.enterprise.inject.Disposes AuditStore store) throws java.io.IOException {
        if (store instanceof JsonLinesAuditStore file) {
            file.close();
        }
    }
}
