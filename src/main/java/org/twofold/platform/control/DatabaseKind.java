package org.twofold.platform.control;

/** The databases Twofold runs on; chosen by the JDBC URL alone. */
public enum DatabaseKind {
    H2("org.h2.jdbcx.JdbcDataSource"),
    POSTGRESQL("org.postgresql.ds.PGSimpleDataSource");

    private final String dataSourceClass;

    DatabaseKind(String dataSourceClass) {
        this.dataSourceClass = dataSourceClass;
    }

    public String dataSourceClass() {
        return dataSourceClass;
    }

    public static DatabaseKind of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        throw new IllegalArgumentException("Unsupported database URL (use jdbc:h2: or jdbc:postgresql:): " + jdbcUrl);
    }
}
