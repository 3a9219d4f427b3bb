package org.twofold.testing;

import java.time.Duration;
import java.time.Instant;

import jakarta.json.JsonObject;

/** Directory sync runs as an operator starts and follows them over the admin API. */
public final class SyncRuns {

    private SyncRuns() {
    }

    /** Starts a run ({@code request} as POSTed to .../sync) and answers it once it ended. */
    public static JsonObject run(ApplianceServer server, String connectionId, String request) {
        return await(server, server.admin().call("POST", "directory/connections/" + connectionId + "/sync", request)
                .expect(202).json().getString("runId"));
    }

    /** The run once it is no longer RUNNING; at most a minute. */
    public static JsonObject await(ApplianceServer server, String runId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonObject run = server.admin().call("GET", "directory/runs/" + runId, null).expect(200).json();
            if (!run.getString("status").equals("RUNNING")) {
                return run;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("run " + runId + " did not end within 60 s");
    }
}
