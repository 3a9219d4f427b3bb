-- The self-service panel signs users in like any relying party: a login request the user approves on a
-- phone, which shows this party's name. It is the appliance itself and has no API key: the stored value is
-- no SHA-256 digest, so no presented key can ever match it.
INSERT INTO relying_party (id, name, api_key_hash, created_at)
VALUES ('00000000-0000-0000-0000-00000000f001', 'Twofold self-service', 'none: the appliance itself', CURRENT_TIMESTAMP);
