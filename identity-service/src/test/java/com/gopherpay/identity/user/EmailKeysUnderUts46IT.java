package com.gopherpay.identity.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.identity.Api;
import com.gopherpay.identity.IdentityServiceTestBase;
import db.migration.V3__Email_keys_under_uts46;
import java.sql.Connection;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Accounts stored with the old keys (Unicode domain, only lower-cased) get their UTS #46 keys. */
class EmailKeysUnderUts46IT extends IdentityServiceTestBase {

    @Autowired
    DataSource dataSource;

    @Test
    void rekeysUnicodeDomainsAndLeavesWhatItCannotMapOrWouldCollide() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID legacy = insertLegacy("Ada-" + tag + "@Bücher.test");
        UUID unreachable = insertLegacy("jürgen-" + tag + "@example.com");
        register("grace-" + tag + "@xn--bcher-kva.test");
        UUID colliding = insertLegacy("grace-" + tag + "@bücher.test");

        try (Connection connection = dataSource.getConnection()) {
            new V3__Email_keys_under_uts46().migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    return null;
                }

                @Override
                public Connection getConnection() {
                    return connection;
                }
            });
        }

        assertThat(row(legacy))
                .containsEntry("email", "Ada-" + tag + "@xn--bcher-kva.test")
                .containsEntry("email_canonical", "ada-" + tag + "@xn--bcher-kva.test");
        assertThat(row(unreachable)).containsEntry("email_canonical", "jürgen-" + tag + "@example.com");
        assertThat(row(colliding)).containsEntry("email_canonical", "grace-" + tag + "@bücher.test");
        // The re-keyed account now meets its A-label spelling at registration.
        assertThat(api().post("/auth/register", Api.registration("ada-" + tag + "@xn--bcher-kva.test"))
                        .status())
                .isEqualTo(409);
    }

    private UUID insertLegacy(String email) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO identity.users (id, email, email_canonical, full_name, password_hash, status, created_at)"
                        + " VALUES (?, ?, lower(?), 'Ada', '$argon2id$v=19$m=19456,t=2,p=1$x$y', 'ACTIVE', now())")
                .params(id, email, email)
                .update();
        return id;
    }

    private Map<String, Object> row(UUID id) {
        return jdbc.sql("SELECT email, email_canonical FROM identity.users WHERE id = ?")
                .param(id)
                .query()
                .singleRow();
    }
}
