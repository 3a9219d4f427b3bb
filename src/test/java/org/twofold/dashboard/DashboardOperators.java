package org.twofold.dashboard;

import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;

/** An operator the browser tests sign in as: made over the admin API, with a password the test knows. */
record DashboardOperators(String name, String password) {

    static DashboardOperators create(ApplianceServer server, String... roles) {
        String name = Fixtures.unique("op");
        String password = "pw-" + UUID.randomUUID();
        JsonArrayBuilder roleList = Json.createArrayBuilder();
        for (String role : roles) {
            roleList.add(role);
        }
        server.admin().call("POST", "operators", Json.createObjectBuilder().add("name", name)
                .add("password", password).add("roles", roleList).build().toString()).expect(201);
        return new DashboardOperators(name, password);
    }
}
