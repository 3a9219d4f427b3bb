package org.twofold.policy.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

class PolicyChangeTest {

    private static JsonObject version(int number, String settings) {
        return Json.createReader(new StringReader("{\"name\":\"p\",\"version\":" + number
                + ",\"changedBy\":\"operator:so\",\"changedAt\":\"2026-11-27T09:00:00Z\",\"changeNote\":\"\",\"deleted\":false"
                + settings + "}")).readObject();
    }

    @Test
    void eachVersionListsWhatItChangedAgainstTheOneBefore() {
        List<PolicyChange> history = PolicyChange.of(List.of(
                version(3, ",\"priority\":10,\"restoreAllowed\":false,\"groups\":[\"cn=b\"]"),
                version(2, ",\"priority\":10,\"restoreAllowed\":true,\"otpChannel\":\"EMAIL\",\"groups\":[\"cn=a\"]"),
                version(1, ",\"priority\":10,\"restoreAllowed\":true,\"otpChannel\":\"EMAIL\",\"groups\":[\"cn=a\"]")));

        assertEquals(List.of("groups: [\"cn=a\"] → [\"cn=b\"]", "otpChannel: \"EMAIL\" → (inherited)",
                "restoreAllowed: true → false"), history.get(0).changes());
        assertEquals(List.of("no setting changed"), history.get(1).changes());
        assertEquals(List.of("created"), history.get(2).changes());
        assertEquals(3, history.get(0).version());
    }
}
