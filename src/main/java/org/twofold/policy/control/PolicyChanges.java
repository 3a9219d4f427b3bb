package org.twofold.policy.control;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** What changed between two versions of a policy, in the words the audit trail and the version list show. */
final class PolicyChanges {

    /** The full documents are kept with every version; the note only has to say what changed, in short. */
    static final int MAX_NOTE = 900;

    private PolicyChanges() {
    }

    static String between(JsonObject before, JsonObject after) {
        Set<String> members = new LinkedHashSet<>(before.keySet());
        members.addAll(after.keySet());
        List<String> changes = new ArrayList<>();
        for (String member : members) {
            JsonValue old = before.get(member);
            JsonValue now = after.get(member);
            if (old == null ? now != null : !old.equals(now)) {
                changes.add(member + ": " + shown(old) + " -> " + shown(now));
            }
        }
        String note = changes.isEmpty() ? "no change" : String.join("; ", changes);
        return note.length() <= MAX_NOTE ? note : note.substring(0, MAX_NOTE) + " … (" + changes.size() + " members changed)";
    }

    private static String shown(JsonValue value) {
        return value == null ? "(inherited)" : value.toString();
    }
}
