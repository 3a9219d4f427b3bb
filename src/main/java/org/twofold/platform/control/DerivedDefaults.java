package org.twofold.platform.control;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Defaults that depend on other settings, so they cannot live in a properties file: the H2 file
 * database must sit in the (absolute) data directory, and the datasource class follows the JDBC URL.
 * The lowest ordinal, so every explicit setting wins.
 */
public class DerivedDefaults implements ConfigSource {

    static final String DB_URL = "twofold.db.url";
    static final String DB_DATASOURCE_CLASS = "twofold.db.datasource-class";
    static final String DB_USER = "twofold.db.user";
    static final String DB_PASSWORD = "twofold.db.password";
    static final String H2_CREDENTIAL = "twofold";

    private static final Set<String> KEYS = Set.of(DB_URL, DB_DATASOURCE_CLASS, DB_USER, DB_PASSWORD);

    @Override
    public Set<String> getPropertyNames() {
        return KEYS;
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of();
    }

    @Override
    public int getOrdinal() {
        return 10;
    }

    @Override
    public String getName() {
        return "twofold-derived-defaults";
    }

    @Override
    public String getValue(String key) {
        return switch (key) {
            case DB_URL -> h2Url(setting("twofold.data.dir", "./data"));
            case DB_DATASOURCE_CLASS -> DatabaseKind.of(setting(DB_URL, "jdbc:h2:")).dataSourceClass();
            case DB_USER, DB_PASSWORD -> DatabaseKind.of(setting(DB_URL, "jdbc:h2:")) == DatabaseKind.H2 ? H2_CREDENTIAL : null;
            default -> null;
        };
    }

    /**
     * {@code WRITE_DELAY=0}: H2 writes a commit to its file before the commit returns. H2's default (500 ms) keeps
     * the last half second of commits in memory, so a killed or crashed appliance lost transactions whose answers
     * clients had already received (a bound device, a used restore code, a confirmed duplication).
     */
    static String h2Url(String dataDir) {
        Path file = Path.of(dataDir).toAbsolutePath().normalize().resolve("twofold");
        return "jdbc:h2:file:" + file + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0";
    }

    private static String setting(String key, String fallback) {
        return ConfigProvider.getConfig(DerivedDefaults.class.getClassLoader())
                .getOptionalValue(key, String.class).orElse(fallback);
    }
}
