package org.twofold.platform.control.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The users page finds a name prefix as an index range ({@code >= 'jd' AND < 'je'}), which is right only in
 * code point order. H2 compares that way; PostgreSQL compares in the database's collation, which a customer's
 * server may make linguistic (en_US.UTF-8 ignores punctuation at first), and the range would then miss names.
 * So the searched columns compare by code point on PostgreSQL too, whatever the database's default.
 */
public class V15__postgresql_code_point_order extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        if (!"PostgreSQL".equals(context.getConnection().getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("ALTER TABLE identity ALTER COLUMN user_name TYPE VARCHAR(128) COLLATE \"C\"");
            statement.execute("ALTER TABLE identity ALTER COLUMN display_name_key TYPE VARCHAR(200) COLLATE \"C\"");
        }
    }
}
