-- Twofold foundation: operators, identities, activation codes, devices, relying parties, login
-- sessions, notifications and the hash-chained audit trail. Runs unchanged on H2 2.x and PostgreSQL.

CREATE TABLE operator (
    id              VARCHAR(36)  PRIMARY KEY,
    name            VARCHAR(64)  NOT NULL,
    password_hash   VARCHAR(255) NOT NULL,
    roles           VARCHAR(100) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT       NOT NULL,
    CONSTRAINT operator_name_unique UNIQUE (name)
);

CREATE TABLE identity (
    id                 VARCHAR(36)  PRIMARY KEY,
    user_name          VARCHAR(128) NOT NULL,
    email              VARCHAR(320),
    display_name       VARCHAR(200),
    status             VARCHAR(16)  NOT NULL,
    successful_logins  BIGINT       NOT NULL,
    restore_active     BOOLEAN      NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    version            BIGINT       NOT NULL,
    CONSTRAINT identity_user_unique UNIQUE (user_name)
);

CREATE TABLE activation_code (
    id           VARCHAR(36) PRIMARY KEY,
    identity_id  VARCHAR(36) NOT NULL REFERENCES identity (id),
    code_hash    VARCHAR(64) NOT NULL,
    created_by   VARCHAR(200) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT activation_code_hash_unique UNIQUE (code_hash)
);
CREATE INDEX activation_code_identity ON activation_code (identity_id);

CREATE TABLE device (
    id            VARCHAR(36)  PRIMARY KEY,
    identity_id   VARCHAR(36)  NOT NULL REFERENCES identity (id),
    public_key    VARCHAR(400) NOT NULL,
    token_hash    VARCHAR(64)  NOT NULL,
    name          VARCHAR(100) NOT NULL,
    platform      VARCHAR(40)  NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    bound_via     VARCHAR(24)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    removed_at    TIMESTAMP WITH TIME ZONE,
    version       BIGINT       NOT NULL,
    CONSTRAINT device_token_unique UNIQUE (token_hash)
);
CREATE INDEX device_identity_state ON device (identity_id, state);

CREATE TABLE relying_party (
    id            VARCHAR(36)  PRIMARY KEY,
    name          VARCHAR(100) NOT NULL,
    api_key_hash  VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT relying_party_name_unique UNIQUE (name),
    CONSTRAINT relying_party_key_unique UNIQUE (api_key_hash)
);

CREATE TABLE auth_session (
    id                VARCHAR(36)  PRIMARY KEY,
    relying_party_id  VARCHAR(36)  NOT NULL REFERENCES relying_party (id),
    identity_id       VARCHAR(36)  NOT NULL REFERENCES identity (id),
    context           VARCHAR(500),
    display_number    VARCHAR(2)   NOT NULL,
    choices           VARCHAR(20)  NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    device_id         VARCHAR(36),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at        TIMESTAMP WITH TIME ZONE
);
CREATE INDEX auth_session_identity_status ON auth_session (identity_id, status, expires_at);

CREATE TABLE notification (
    id           VARCHAR(36)  PRIMARY KEY,
    identity_id  VARCHAR(36)  NOT NULL REFERENCES identity (id),
    type         VARCHAR(32)  NOT NULL,
    device_id    VARCHAR(36)  NOT NULL,
    device_name  VARCHAR(100) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    blockable    BOOLEAN      NOT NULL
);
CREATE INDEX notification_identity_created ON notification (identity_id, created_at);

CREATE TABLE audit_entry (
    seq             BIGINT        PRIMARY KEY,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    actor           VARCHAR(200)  NOT NULL,
    action          VARCHAR(64)   NOT NULL,
    target          VARCHAR(200)  NOT NULL,
    source_address  VARCHAR(64),
    outcome         VARCHAR(16)   NOT NULL,
    detail          VARCHAR(1000),
    previous_hash   VARCHAR(64)   NOT NULL,
    hash            VARCHAR(64)   NOT NULL
);
CREATE INDEX audit_entry_target ON audit_entry (target, seq);

-- The chain's head: appending locks this one row, so entries get gap-free sequence numbers in
-- commit order and each one names the hash of its predecessor.
CREATE TABLE audit_head (
    id         INTEGER     PRIMARY KEY,
    last_seq   BIGINT      NOT NULL,
    last_hash  VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, 'genesis');
