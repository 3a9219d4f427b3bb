package org.twofold.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit on the appliance's H2 URL survives the process dying right after it (as under {@code kill -9}): a
 * child JVM commits one row and halts at once, without H2's shutdown hook; the row is there on reopening.
 */
class H2DurabilityTest {

    @TempDir
    Path dir;

    @Test
    void aCommitSurvivesTheProcessDyingRightAfterIt() throws Exception {
        String url = DerivedDefaults.h2Url(dir.toString());
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CommitAndDie.class.getName(), url))
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(CommitAndDie.HALTED, child.exitValue(), output);

        try (Connection connection = DriverManager.getConnection(url, DerivedDefaults.H2_CREDENTIAL, DerivedDefaults.H2_CREDENTIAL);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM committed WHERE id = 2")) {
            rows.next();
            assertEquals(1, rows.getInt(1), "the last commit before the process died is in the database");
        }
    }

    /** The child: an earlier commit, a pause (H2 writes that one in the background anyway), the last commit, halt. */
    public static final class CommitAndDie {
        static final int HALTED = 42;

        public static void main(String[] arguments) throws Exception {
            Connection connection = DriverManager.getConnection(arguments[0], DerivedDefaults.H2_CREDENTIAL, DerivedDefaults.H2_CREDENTIAL);
            Statement statement = connection.createStatement();
            statement.execute("CREATE TABLE committed (id INT)");
            statement.execute("INSERT INTO committed VALUES (1)");
            Thread.sleep(1500);
            statement.execute("INSERT INTO committed VALUES (2)");
            Runtime.getRuntime().halt(HALTED);
        }
    }
}
