package org.twofold.policy.boundary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** One version of a policy and what it changed against the version before it: the history's diff. */
public record PolicyChange(int version, String changedBy, Instant changedAt, String note, List<String> changes) {

    private static final Set<String> NOT_SETTINGS = Set.of("version", "changedBy", "changedAt", "changeNote", "deleted",
            "warnings", "name");

    /** {@code versions} newest first, as the admin API lists them. */
    public static List<PolicyChange> of(List<JsonObject> versions) {
        List<PolicyChange> history = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            JsonObject version = versions.get(i);
            JsonObject before = i + 1 < versions.size() ? versions.get(i + 1) : null;
            history.add(new PolicyChange(version.getInt("version"), version.getString("changedBy", ""),
                    Instant.parse(version.getString("changedAt")), version.getString("changeNote", ""), changes(before, version)));
        }
        return history;
    }

    private static List<String> changes(JsonObject before, JsonObject after) {
        if (before == null) {
            return List.of("created");
        }
        List<String> changes = new ArrayList<>();
        if (after.getBoolean("deleted", false) != before.getBoolean("deleted", false)) {
            changes.add(after.getBoolean("deleted", false) ? "deleted" : "restored");
        }
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        keys.removeAll(NOT_SETTINGS);
        for (String key : keys) {
            JsonValue old = before.get(key);
            JsonValue now = after.get(key);
            if (old == null ? now != null : !old.equals(now)) {
                changes.add(key + ": " + text(old) + " → " + text(now));
            }
        }
        return changes.isEmpty() ? List.of("no setting changed") : changes;
    }

    private static String text(JsonValue value) {
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? "(inherited)" : value.toString();
    }
}
