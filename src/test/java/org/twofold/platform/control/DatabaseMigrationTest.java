package org.twofold.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Which H2 file an upgrade copies before it starts, and puts back if it fails. */
class DatabaseMigrationTest {

    @Test
    void theFileOfAnH2FileUrlWithoutItsSettings() {
        assertEquals(Optional.of(Path.of("/var/lib/twofold/twofold")),
                DatabaseMigration.h2File("jdbc:h2:file:/var/lib/twofold/twofold;LOCK_TIMEOUT=10000"));
        assertEquals(Optional.of(Path.of("/srv/db/x")), DatabaseMigration.h2File("jdbc:h2:/srv/db/x"));
        assertEquals(Optional.of(Path.of("relative/db").toAbsolutePath()), DatabaseMigration.h2File("jdbc:h2:file:relative/db"));
    }

    @Test
    void noFileForPostgresqlOrAnH2ThatIsNotAFileHere() {
        assertEquals(Optional.empty(), DatabaseMigration.h2File("jdbc:postgresql://db:5432/twofold"));
        assertEquals(Optional.empty(), DatabaseMigration.h2File("jdbc:h2:mem:test"));
        assertEquals(Optional.empty(), DatabaseMigration.h2File("jdbc:h2:tcp://db/twofold"));
    }
}
