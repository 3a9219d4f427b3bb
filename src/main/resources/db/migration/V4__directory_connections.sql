-- Directory (Active Directory / LDAP) connections. The bind password is kept sealed (AES-GCM under a key
-- derived from the pepper in the data dir), never in clear text; the attribute mapping and the 2FA
-- groups are JSON documents.

CREATE TABLE directory_connection (
    id                     VARCHAR(36)   PRIMARY KEY,
    name                   VARCHAR(64)   NOT NULL,
    flavor                 VARCHAR(20)   NOT NULL,
    urls                   VARCHAR(2000) NOT NULL,
    start_tls              BOOLEAN       NOT NULL,
    pinned_sha256          VARCHAR(64),
    bind_dn                VARCHAR(500)  NOT NULL,
    bind_password_sealed   VARCHAR(1000) NOT NULL,
    base_dn                VARCHAR(500)  NOT NULL,
    user_filter            VARCHAR(1000) NOT NULL,
    attributes             VARCHAR(4000) NOT NULL,
    two_factor_groups      VARCHAR(100000) NOT NULL,
    incremental_minutes    INTEGER       NOT NULL,
    full_cron              VARCHAR(100)  NOT NULL,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    version                BIGINT        NOT NULL,
    CONSTRAINT directory_connection_name_unique UNIQUE (name)
);
