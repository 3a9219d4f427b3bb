package org.twofold.policy.boundary;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.core.Response;

import org.twofold.dashboard.boundary.JsonDocument;
import org.twofold.dashboard.boundary.Messages;
import org.twofold.platform.control.Refusal;

/**
 * Restore policies: the live ones, an editor for one policy's document (the same document the admin API
 * takes, validated by the same code), its version history with rollback, and "explain for user X".
 */
@Named("policies")
@ViewScoped
public class PoliciesPage implements Serializable {

    /** Members the appliance writes; the editor does not offer them for editing. */
    private static final List<String> READ_ONLY = List.of("deleted", "changedBy", "changedAt", "changeNote", "warnings");
    private static final String NEW_POLICY = "{\n  \"priority\": 100,\n  \"groups\": [],\n  \"users\": [],\n  \"restoreAllowed\": true\n}";

    @Inject
    AdminPoliciesResource resource;

    @Inject
    EffectivePolicyResource effectivePolicy;

    private List<JsonObject> live;
    private String name;
    private String document;
    private List<PolicyChange> versions;
    private String explainUser;
    private List<PolicyLine> explained;

    public void load() {
        live = resource.list();
    }

    public void edit(String policyName) {
        name = policyName;
        document = JsonDocument.editable(resource.get(policyName), READ_ONLY);
        versions = PolicyChange.of(resource.versions(policyName));
    }

    public void startNew() {
        name = null;
        document = NEW_POLICY;
        versions = List.of();
    }

    public void save() {
        if (name == null || name.isBlank()) {
            Messages.error("Give the policy a name.");
            return;
        }
        Optional<JsonObject> parsed = JsonDocument.parsed(document, "policy");
        if (parsed.isEmpty()) {
            return;
        }
        JsonObject body = parsed.get();
        try {
            Response answer = resource.save(name.strip(), body);
            JsonObject saved = (JsonObject) answer.getEntity();
            Messages.info("Saved " + saved.getString("name") + ", version " + saved.getInt("version") + ".");
            saved.getJsonArray("warnings").getValuesAs(JsonString.class)
                    .forEach(warning -> Messages.error("Warning: " + warning.getString()));
            edit(saved.getString("name"));
            load();
            explain();
        } catch (Refusal refused) {
            Messages.error(refused.title());
        }
    }

    public void rollback(int version) {
        try {
            JsonObject saved = resource.rollback(name, Json.createObjectBuilder().add("version", version).build());
            Messages.info("Version " + version + " is live again as version " + saved.getInt("version") + ".");
            edit(name);
            load();
            explain();
        } catch (Refusal refused) {
            Messages.error(refused.title());
        }
    }

    public void explain() {
        if (explainUser == null || explainUser.isBlank()) {
            explained = null;
            return;
        }
        try {
            explained = PolicyLine.of(effectivePolicy.explain(explainUser.strip()));
        } catch (Refusal refused) {
            explained = null;
            Messages.error(refused.title());
        }
    }

    public List<JsonObject> getLive() {
        return live;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDocument() {
        return document;
    }

    public void setDocument(String document) {
        this.document = document;
    }

    public List<PolicyChange> getVersions() {
        return versions;
    }

    public String getExplainUser() {
        return explainUser;
    }

    public void setExplainUser(String explainUser) {
        this.explainUser = explainUser;
    }

    public List<PolicyLine> getExplained() {
        return explained;
    }
}
