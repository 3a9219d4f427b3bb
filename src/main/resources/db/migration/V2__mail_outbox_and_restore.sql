-- Restore function: mail outbox, restore credentials, two-step restore attempts, attempt counters
-- (one choke point for restore codes and OTPs), duplication offers and claims, and what a wiped
-- device may still block.

CREATE TABLE outbox_mail (
    id               VARCHAR(36)   PRIMARY KEY,
    recipient        VARCHAR(320)  NOT NULL,
    subject          VARCHAR(200)  NOT NULL,
    body             VARCHAR(8000) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts         INTEGER       NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_until    TIMESTAMP WITH TIME ZONE,
    sent_at          TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(500)
);
CREATE INDEX outbox_mail_due ON outbox_mail (sent_at, next_attempt_at);

CREATE TABLE restore_credential (
    identity_id         VARCHAR(36) PRIMARY KEY REFERENCES identity (id),
    code_hash           VARCHAR(64),
    shown_to_device_id  VARCHAR(36),
    issued_at           TIMESTAMP WITH TIME ZONE,
    locked_by_block     BOOLEAN     NOT NULL,
    version             BIGINT      NOT NULL
);

CREATE TABLE restore_attempt (
    id              VARCHAR(36) PRIMARY KEY,
    identity_id     VARCHAR(36) NOT NULL REFERENCES identity (id),
    otp_hash        VARCHAR(64) NOT NULL,
    source_address  VARCHAR(64),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX restore_attempt_identity ON restore_attempt (identity_id, created_at);

-- Failures per subject ('user:<name>' or 'source:<address>'): 5 consecutive failures lock for
-- 15 min, doubling with each lock; 20 failures without a success lock until an operator unlocks.
-- Attempts being checked right now count against the limits too (in_flight), so parallel guesses
-- cannot outrun them.
CREATE TABLE attempt_counter (
    subject               VARCHAR(200) PRIMARY KEY,
    consecutive_failures  INTEGER      NOT NULL,
    failures_since_success INTEGER     NOT NULL,
    locks                 INTEGER      NOT NULL,
    locked_until          TIMESTAMP WITH TIME ZONE,
    locked_for_good       BOOLEAN      NOT NULL,
    in_flight             INTEGER      NOT NULL,
    in_flight_since       TIMESTAMP WITH TIME ZONE
);

CREATE TABLE duplication_offer (
    id                   VARCHAR(36) PRIMARY KEY,
    identity_id          VARCHAR(36) NOT NULL REFERENCES identity (id),
    offering_device_id   VARCHAR(36) NOT NULL REFERENCES device (id),
    secret_hash          VARCHAR(64) NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed              BOOLEAN     NOT NULL
);

CREATE TABLE duplication_claim (
    id                 VARCHAR(36)  PRIMARY KEY,
    offer_id           VARCHAR(36)  NOT NULL REFERENCES duplication_offer (id),
    identity_id        VARCHAR(36)  NOT NULL REFERENCES identity (id),
    public_key         VARCHAR(400) NOT NULL,
    device_name        VARCHAR(100) NOT NULL,
    platform           VARCHAR(40)  NOT NULL,
    claim_secret_hash  VARCHAR(64)  NOT NULL,
    token_hash         VARCHAR(64)  NOT NULL,
    fingerprint        VARCHAR(20)  NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    device_id          VARCHAR(36),
    token_delivered    BOOLEAN      NOT NULL
);
CREATE INDEX duplication_claim_identity ON duplication_claim (identity_id, status);

-- A device wiped by a restore may still block the newcomer named in this notification, for 24 h.
ALTER TABLE device ADD COLUMN removal_notification_id VARCHAR(36);
-- When a device-added notification was used to block its device.
ALTER TABLE notification ADD COLUMN blocked_at TIMESTAMP WITH TIME ZONE;
