-- Directory sync: identities linked to their directory entry by a stable key (AD objectGUID, LDAP
-- entryUUID) so renames follow; whether the directory disabled or removed them (so only the directory's
-- own deactivations are undone by it); and the runs with their per-entry errors.

ALTER TABLE identity ADD COLUMN directory_connection_id VARCHAR(36);
ALTER TABLE identity ADD COLUMN directory_key VARCHAR(64);
ALTER TABLE identity ADD COLUMN directory_dn VARCHAR(1000);
ALTER TABLE identity ADD COLUMN directory_disabled BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE identity ADD COLUMN directory_deleted BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE identity ADD COLUMN directory_seen_run VARCHAR(36);
ALTER TABLE identity ADD COLUMN phone VARCHAR(64);
CREATE UNIQUE INDEX identity_directory_key ON identity (directory_connection_id, directory_key);

CREATE TABLE directory_run (
    id             VARCHAR(36)   PRIMARY KEY,
    connection_id  VARCHAR(36)   NOT NULL REFERENCES directory_connection (id) ON DELETE CASCADE,
    mode           VARCHAR(16)   NOT NULL,
    dry_run        BOOLEAN       NOT NULL,
    confirmed      BOOLEAN       NOT NULL,
    status         VARCHAR(32)   NOT NULL,
    started_by     VARCHAR(200)  NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at       TIMESTAMP WITH TIME ZONE,
    entries_read   INTEGER       NOT NULL,
    created        INTEGER       NOT NULL,
    updated        INTEGER       NOT NULL,
    deactivated    INTEGER       NOT NULL,
    reactivated    INTEGER       NOT NULL,
    errors         INTEGER       NOT NULL,
    progress       VARCHAR(200)  NOT NULL,
    message        VARCHAR(1000),
    version        BIGINT        NOT NULL
);
CREATE INDEX directory_run_connection ON directory_run (connection_id, started_at);

-- At most the first 1000 bad entries of a run are kept (the run counts them all).
CREATE TABLE directory_run_error (
    run_id    VARCHAR(36)   NOT NULL REFERENCES directory_run (id) ON DELETE CASCADE,
    position  INTEGER       NOT NULL,
    entry_dn  VARCHAR(1000) NOT NULL,
    message   VARCHAR(500)  NOT NULL,
    PRIMARY KEY (run_id, position)
);
