package org.twofold.policy.boundary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** A setting of a user's effective policy, its value, and which policy decided it through what. */
public record PolicyLine(String setting, String value, String policy, String via) {

    /** The lines of an effective-policy explanation as {@link EffectivePolicyResource} answers it. */
    public static List<PolicyLine> of(JsonObject explained) {
        JsonObject explain = explained.getJsonObject("explain");
        List<PolicyLine> lines = new ArrayList<>();
        for (Map.Entry<String, JsonValue> setting : explained.entrySet()) {
            if (setting.getKey().equals("user") || setting.getKey().equals("explain")) {
                continue;
            }
            JsonObject decision = explain.getJsonObject(setting.getKey());
            JsonValue value = setting.getValue();
            lines.add(new PolicyLine(setting.getKey(),
                    value instanceof JsonString text ? text.getString() : value.toString(),
                    decision == null ? "" : decision.getString("policy"),
                    decision == null ? "" : decision.getString("via")));
        }
        return lines;
    }
}
