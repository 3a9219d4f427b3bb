package org.twofold.policy.boundary;

import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.twofold.policy.control.EffectivePolicy;
import org.twofold.policy.control.PolicyDocuments;
import org.twofold.policy.control.StoredPolicy;

/** Policies and effective policies as the admin API answers them. */
final class PolicyJson {

    private PolicyJson() {
    }

    static JsonObject of(StoredPolicy stored) {
        return withVersion(stored).build();
    }

    static JsonObject of(StoredPolicy stored, List<String> warnings) {
        return withVersion(stored).add("warnings", Json.createArrayBuilder(warnings)).build();
    }

    static JsonObject of(String user, EffectivePolicy effective) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("user", user);
        JsonObjectBuilder explain = Json.createObjectBuilder();
        effective.values().forEach((setting, value) -> json.add(setting.jsonName(), PolicyDocuments.writeValue(value)));
        effective.explain().forEach((setting, decision) -> explain.add(setting.jsonName(), Json.createObjectBuilder()
                .add("policy", decision.policy())
                .add("priority", decision.priority())
                .add("via", decision.via())));
        return json.add("explain", explain).build();
    }

    private static JsonObjectBuilder withVersion(StoredPolicy stored) {
        return PolicyDocuments.write(stored.policy())
                .add("version", stored.version())
                .add("deleted", stored.deleted())
                .add("changedBy", stored.changedBy())
                .add("changedAt", stored.changedAt().toString())
                .add("changeNote", stored.changeNote());
    }
}
