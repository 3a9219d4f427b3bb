-- Restore policies (versioned), directory groups of identities, postal addresses, restore-code
-- deliveries through the channels a policy names (letters, helpdesk handouts and calls) and
-- four-eyes approvals. Runs unchanged on H2 2.x and PostgreSQL.

-- One row per policy name: which version is current, and whether the policy is deleted (its
-- versions stay). Priorities of live policies are unique, so resolution never depends on a tie.
CREATE TABLE restore_policy (
    name             VARCHAR(64) PRIMARY KEY,
    current_version  INTEGER     NOT NULL,
    priority         INTEGER,
    deleted          BOOLEAN     NOT NULL,
    version          BIGINT      NOT NULL,
    CONSTRAINT restore_policy_priority_unique UNIQUE (priority)
);

-- Every version ever saved, as the JSON document the operator wrote; a rollback saves an old
-- document again as a new version.
CREATE TABLE restore_policy_version (
    name         VARCHAR(64)   NOT NULL,
    version      INTEGER       NOT NULL,
    document     VARCHAR(1000000) NOT NULL,
    deleted      BOOLEAN       NOT NULL,
    change_note  VARCHAR(2000) NOT NULL,
    changed_by   VARCHAR(200)  NOT NULL,
    changed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (name, version)
);

INSERT INTO restore_policy (name, current_version, priority, deleted, version)
VALUES ('default', 1, 0, FALSE, 0);
INSERT INTO restore_policy_version (name, version, document, deleted, change_note, changed_by, changed_at)
VALUES ('default', 1, '{"name":"default","priority":0,"groups":[],"users":[],"restoreAllowed":true,'
    || '"duplicationAllowed":true,"autoWipeOldDevices":true,"keepOldDevicesAllowed":true,'
    || '"restoreCodeDelivery":"DEVICE_DISPLAY","otpChannel":"EMAIL","autoActivateForNewUsers":false,'
    || '"lostCodeReissueChannels":["IN_PERSON","PHONE"],"reissueNeedsSecondOperator":false,'
    || '"maxDevicesPerIdentity":5,"failuresBeforeLock":5,"failuresBeforeOperatorLock":20}',
    FALSE, 'installed with the defaults of PROTOCOL.md', 'system', CURRENT_TIMESTAMP);

-- Directory groups an identity is a member of (normalised DNs, nested memberships resolved by the
-- directory sync); restore policies assigned to groups apply through them.
CREATE TABLE identity_group (
    identity_id  VARCHAR(36)  NOT NULL REFERENCES identity (id),
    group_dn     VARCHAR(500) NOT NULL,
    PRIMARY KEY (identity_id, group_dn)
);

-- Lines of the postal address that restore-code letters are sent to (from the directory, or given
-- when the identity is created), separated by line feeds.
ALTER TABLE identity ADD COLUMN postal_address VARCHAR(1000);

-- A restore code on its way to the user through a channel other than the device display. Letters,
-- handouts and phone calls need the code later, so it is kept sealed (AES-GCM under a key derived
-- from the pepper) until it is printed, handed out or read out, and destroyed then: afterwards only
-- the keyed hash in restore_credential remains.
CREATE TABLE restore_code_delivery (
    id            VARCHAR(36)   PRIMARY KEY,
    identity_id   VARCHAR(36)   NOT NULL REFERENCES identity (id),
    channel       VARCHAR(16)   NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    sealed_code   VARCHAR(400),
    address       VARCHAR(1000),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(200)  NOT NULL,
    batch_id      VARCHAR(36),
    delivered_at  TIMESTAMP WITH TIME ZONE,
    delivered_by  VARCHAR(200),
    verification  VARCHAR(500),
    version       BIGINT        NOT NULL
);
CREATE INDEX restore_code_delivery_queue ON restore_code_delivery (channel, state, created_at);
CREATE INDEX restore_code_delivery_identity ON restore_code_delivery (identity_id, state);

-- A batch of letters an operator downloads as one PDF and then confirms as printed.
CREATE TABLE letter_batch (
    id          VARCHAR(36)  PRIMARY KEY,
    letters     INTEGER      NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(200) NOT NULL,
    printed_at  TIMESTAMP WITH TIME ZONE,
    printed_by  VARCHAR(200),
    version     BIGINT       NOT NULL
);

-- Actions that need a second operator (four-eyes): requested by one, carried out when another
-- approves.
CREATE TABLE approval (
    id            VARCHAR(36)   PRIMARY KEY,
    action        VARCHAR(40)   NOT NULL,
    identity_id   VARCHAR(36)   NOT NULL REFERENCES identity (id),
    detail        VARCHAR(200)  NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    requested_by  VARCHAR(200)  NOT NULL,
    requested_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by    VARCHAR(200),
    decided_at    TIMESTAMP WITH TIME ZONE,
    version       BIGINT        NOT NULL
);
CREATE INDEX approval_state ON approval (state, requested_at);

-- A restore code re-issued by the helpdesk is announced without a device ("by your helpdesk").
ALTER TABLE notification ALTER COLUMN device_id DROP NOT NULL;
