package org.twofold.directory.boundary;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.twofold.dashboard.boundary.JsonDocument;
import org.twofold.dashboard.boundary.Messages;
import org.twofold.directory.control.ConnectionTest;
import org.twofold.directory.entity.RunStatus;
import org.twofold.directory.entity.SyncMode;
import org.twofold.platform.control.Refusal;

/**
 * Directory connections: the list, an editor for one connection's document (the admin API's document,
 * checked by the same code; the bind password is entered apart and never shown back), the connection test,
 * dry runs and runs followed live, a run waiting for confirmation, and the run history with skipped entries.
 */
@Named("directory")
@ViewScoped
public class DirectoryPage implements Serializable {

    /** Members the appliance writes; the editor does not offer them for editing. */
    private static final List<String> READ_ONLY = List.of("id", "createdAt", "updatedAt");
    private static final String NEW_CONNECTION = """
            {
              "name": "corp",
              "flavor": "ACTIVE_DIRECTORY",
              "urls": ["ldaps://dc1.corp.example:636"],
              "bindDn": "CN=twofold,OU=Service Accounts,DC=corp,DC=example",
              "baseDn": "OU=People,DC=corp,DC=example",
              "twoFactorGroups": [],
              "schedule": {"enabled": true, "incrementalMinutes": 5, "fullCron": "0 3 * * *"}
            }""";

    @Inject
    AdminDirectoryConnectionsResource connections;

    @Inject
    AdminDirectorySyncResource sync;

    @Inject
    AdminDirectoryRunsResource runs;

    private List<JsonObject> list;
    private String connectionId;
    private String connectionName;
    private String document;
    private String bindPassword;
    private ConnectionTest test;
    private SyncMode mode = SyncMode.FULL;
    private List<AdminDirectoryRunsResource.RunView> history;
    /** The run shown; while {@code run} is null, it was just started and the poll reads it first. */
    private String runId;
    private AdminDirectoryRunsResource.RunView run;

    public void load() {
        list = connections.list();
    }

    public void edit(String id) {
        JsonObject connection = connections.get(id);
        connectionId = id;
        connectionName = connection.getString("name");
        document = JsonDocument.editable(connection, READ_ONLY);
        bindPassword = null;
        test = null;
        runId = null;
        run = null;
        history = connections.runs(id);
    }

    public void startNew() {
        connectionId = null;
        connectionName = null;
        document = NEW_CONNECTION;
        bindPassword = null;
        test = null;
        runId = null;
        run = null;
        history = List.of();
    }

    /** Creates or replaces the connection; a blank password keeps the stored one. */
    public void save() {
        Optional<JsonObject> parsed = JsonDocument.parsed(document, "connection");
        if (parsed.isEmpty()) {
            return;
        }
        JsonObject body = parsed.get();
        if (body.containsKey("bindPassword")) {
            Messages.error("Enter the bind password in its own field, not in the document.");
            return;
        }
        if (bindPassword != null && !bindPassword.isEmpty()) {
            body = Json.createObjectBuilder(body).add("bindPassword", bindPassword).build();
        }
        try {
            JsonObject saved;
            if (connectionId == null) {
                saved = (JsonObject) connections.create(body).getEntity();
            } else {
                saved = connections.update(connectionId, body);
            }
            String id = saved.getString("id");
            Messages.info("Saved " + body.getString("name", "the connection") + ".");
            if (saved.containsKey("warnings")) {
                saved.getJsonArray("warnings").getValuesAs(JsonString.class)
                        .forEach(warning -> Messages.error("Warning: " + warning.getString()));
            }
            edit(id);
            load();
        } catch (Refusal refused) {
            Messages.error(refused.title());
        } finally {
            bindPassword = null;
        }
    }

    public void delete() {
        if (Messages.run(() -> connections.delete(connectionId), "Connection " + connectionName + " deleted with its"
                + " run history; the identities it brought stay.")) {
            connectionId = null;
            document = null;
            history = null;
            runId = null;
            run = null;
            load();
        }
    }

    public void testConnection() {
        try {
            test = connections.test(connectionId);
        } catch (Refusal refused) {
            test = null;
            Messages.error(refused.title());
        }
    }

    public void dryRun() {
        start(true);
    }

    public void runNow() {
        start(false);
    }

    private void start(boolean dryRun) {
        try {
            follow((AdminDirectorySyncResource.Started) sync.sync(connectionId,
                    Json.createObjectBuilder().add("mode", mode.name()).add("dryRun", dryRun).build()).getEntity());
        } catch (Refusal refused) {
            Messages.error(refused.title());
        }
    }

    /** Repeats a run that stopped for confirmation, this time writing. */
    public void confirm() {
        try {
            follow((AdminDirectorySyncResource.Started) runs.confirm(runId).getEntity());
        } catch (Refusal refused) {
            Messages.error(refused.title());
        }
    }

    /**
     * The page's poll reads the run just started, not this request: a request that goes on using the
     * database after handing a task to the managed executor shares its non-transactional entity manager
     * with the task on Payara, which then finds it closed.
     */
    private void follow(AdminDirectorySyncResource.Started started) {
        runId = started.runId();
        run = null;
    }

    /** Shows a run with its skipped entries; one that is running is followed until it ends. */
    public void show(String id) {
        runId = id;
        refresh();
    }

    /** The poll while a run is followed. */
    public void refresh() {
        if (runId != null) {
            run = runs.run(runId);
            history = connections.runs(connectionId);
        }
    }

    public boolean isRunning() {
        return runId != null && (run == null || RunStatus.RUNNING.name().equals(run.status()));
    }

    public boolean isWaitingForConfirmation() {
        return run != null && RunStatus.STOPPED_FOR_CONFIRMATION.name().equals(run.status());
    }

    public SyncMode[] getModes() {
        return SyncMode.values();
    }

    public List<JsonObject> getList() {
        return list;
    }

    public String getConnectionId() {
        return connectionId;
    }

    public String getConnectionName() {
        return connectionName;
    }

    public String getDocument() {
        return document;
    }

    public void setDocument(String document) {
        this.document = document;
    }

    public String getBindPassword() {
        return bindPassword;
    }

    public void setBindPassword(String bindPassword) {
        this.bindPassword = bindPassword;
    }

    public ConnectionTest getTest() {
        return test;
    }

    public SyncMode getMode() {
        return mode;
    }

    public void setMode(SyncMode mode) {
        this.mode = mode;
    }

    public List<AdminDirectoryRunsResource.RunView> getHistory() {
        return history;
    }

    public String getRunId() {
        return runId;
    }

    public AdminDirectoryRunsResource.RunView getRun() {
        return run;
    }
}
