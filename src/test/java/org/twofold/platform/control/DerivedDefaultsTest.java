package org.twofold.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Settings derived from other settings: the H2 URL in the data directory, the datasource class. */
class DerivedDefaultsTest {

    private static final String PREFIX = "jdbc:h2:file:";
    private static final String SUFFIX = ";LOCK_TIMEOUT=10000;WRITE_DELAY=0";

    @ParameterizedTest
    @ValueSource(strings = {"./data", "data", "data/", "./a/../data", "../elsewhere/data"})
    void h2UrlIsAnAbsolutePathInsideTheDataDirectory(String dataDir) {
        String url = DerivedDefaults.h2Url(dataDir);
        assertTrue(url.startsWith(PREFIX), url);
        assertTrue(url.endsWith(SUFFIX), url);
        Path file = Path.of(url.substring(PREFIX.length(), url.length() - SUFFIX.length()));
        assertTrue(file.isAbsolute(), url);
        assertEquals(file.normalize(), file, "no . or .. segments: " + url);
        assertEquals(Path.of(dataDir).toAbsolutePath().normalize().resolve("twofold"), file);
    }

    @Test
    void h2UrlKeepsAnAbsoluteDataDirectory() {
        assertEquals("jdbc:h2:file:/var/lib/twofold/twofold;LOCK_TIMEOUT=10000;WRITE_DELAY=0", DerivedDefaults.h2Url("/var/lib/twofold"));
        assertEquals("jdbc:h2:file:/var/lib/twofold/twofold;LOCK_TIMEOUT=10000;WRITE_DELAY=0", DerivedDefaults.h2Url("/var/lib/twofold/"));
    }

    @Test
    void h2UrlIsAnH2Url() {
        assertEquals(DatabaseKind.H2, DatabaseKind.of(DerivedDefaults.h2Url("./data")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:file:/tmp/x", "jdbc:h2:mem:test", "jdbc:h2:tcp://localhost/~/test", "jdbc:h2:"})
    void h2Urls(String url) {
        assertEquals(DatabaseKind.H2, DatabaseKind.of(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://localhost:5432/twofold", "jdbc:postgresql:twofold", "jdbc:postgresql://db/x?ssl=true"})
    void postgresqlUrls(String url) {
        assertEquals(DatabaseKind.POSTGRESQL, DatabaseKind.of(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "h2", "jdbc:mysql://localhost/x", "jdbc:oracle:thin:@x", "jdbc:h2", "jdbc:postgres://x",
            "JDBC:H2:mem:x", " jdbc:h2:mem:x", "jdbc:sqlite:x.db"})
    void unknownUrlsAreRefusedNamingTheUrl(String url) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> DatabaseKind.of(url));
        assertTrue(refused.getMessage().contains(url), refused.getMessage());
        assertTrue(refused.getMessage().contains("jdbc:h2:") && refused.getMessage().contains("jdbc:postgresql:"));
    }

    @Test
    void dataSourceClassesExistOnTheClassPath() throws ClassNotFoundException {
        for (DatabaseKind kind : DatabaseKind.values()) {
            Class<?> type = Class.forName(kind.dataSourceClass());
            assertTrue(javax.sql.DataSource.class.isAssignableFrom(type), kind.dataSourceClass());
        }
    }

    @Test
    void isALowOrdinalSourceOfTheDatabaseKeysOnly() {
        DerivedDefaults defaults = new DerivedDefaults();
        assertEquals(Set.of("twofold.db.url", "twofold.db.datasource-class", "twofold.db.user", "twofold.db.password"),
                defaults.getPropertyNames());
        assertTrue(defaults.getOrdinal() < 100, "below microprofile-config.properties (100)");
        assertNull(defaults.getValue("twofold.data.dir"));
        assertNull(defaults.getValue("twofold.mail.host"));
    }
}
