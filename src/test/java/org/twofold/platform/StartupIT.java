package org.twofold.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Answer;
import org.twofold.simulator.Json;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;

/** What the first start leaves behind, and that the appliance reports itself ready. */
@ExtendWith(ApplianceExtension.class)
class StartupIT {

    @Test
    void firstStartCreatesPrivateSecretsAndAnAdmin(ApplianceServer server) throws Exception {
        Path data = server.dataDir();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        Path pepper = data.resolve("pepper");
        assertEquals(32, Files.size(pepper));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pepper)));
        Path password = data.resolve("initial-admin-password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(password)));
        assertTrue(server.adminPassword().length() >= 20, "a long generated password");

        JsonObject admin = server.admin().call("GET", "operators", null).expect(200).array().getJsonObject(0);
        assertEquals("admin", admin.getString("name"));
        assertEquals(3, admin.getJsonArray("roles").size());
        String log = Files.readString(server.log());
        assertTrue(log.contains("its password is in " + password), "the log says where the password is");
    }

    @Test
    void readinessIsUpWithTheDatabase(ApplianceServer server) {
        Answer ready = server.client().request("GET", "health/ready", null);
        assertEquals(200, ready.status());
        JsonObject health = Json.parse(ready.body());
        assertEquals("UP", health.getString("status"));
        assertTrue(health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .anyMatch(check -> check.getString("name").equals("twofold") && check.getString("status").equals("UP")),
                health::toString);
    }

    /** Name prefixes are searched as index ranges, which only code point order gets right (V15). */
    @Test
    void searchedNamesCompareByCodePointOnPostgres(ApplianceServer server) throws Exception {
        assumeTrue("postgres".equals(server.database().kind()), "H2 compares strings by code point anyway");
        try (Connection connection = server.database().connectToPostgres();
             ResultSet columns = connection.createStatement().executeQuery("SELECT column_name, collation_name"
                     + " FROM information_schema.columns WHERE table_name = 'identity'"
                     + " AND column_name IN ('user_name', 'display_name_key') ORDER BY column_name")) {
            Map<String, String> collations = new TreeMap<>();
            while (columns.next()) {
                collations.put(columns.getString(1), columns.getString(2));
            }
            assertEquals(Map.of("display_name_key", "C", "user_name", "C"), collations);
        }
    }

    @Test
    void unknownApiPathsAnswerAsProblems(ApplianceServer server) {
        Answer missing = server.client().request("GET", "api/v1/no-such-thing", null);
        assertEquals(404, missing.status());
        assertEquals("application/problem+json", missing.header("Content-Type"));
        assertEquals("not-found", missing.code().orElseThrow());
    }
}
