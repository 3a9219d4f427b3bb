package org.twofold.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

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
        assertEquals("twofold", health.getJsonArray("checks").getJsonObject(0).getString("name"));
    }

    @Test
    void unknownApiPathsAnswerAsProblems(ApplianceServer server) {
        Answer missing = server.client().request("GET", "api/v1/no-such-thing", null);
        assertEquals(404, missing.status());
        assertEquals("application/problem+json", missing.header("Content-Type"));
        assertEquals("not-found", missing.code().orElseThrow());
    }
}
