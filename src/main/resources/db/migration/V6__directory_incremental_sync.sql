-- Incremental directory sync: where the last complete run left the directory (Active Directory: the
-- domain controller's invocationId and its highestCommittedUSN; generic LDAP: a modifyTimestamp), and a
-- fingerprint of the group nesting then, since a nesting change needs a full run. Both are cleared
-- whenever the connection's settings change. A connection may trust its own CA certificates (PEM).

ALTER TABLE directory_connection ADD COLUMN sync_cursor VARCHAR(200);
ALTER TABLE directory_connection ADD COLUMN sync_nesting VARCHAR(64);
ALTER TABLE directory_connection ADD COLUMN trusted_ca_pem VARCHAR(20000);

-- Scheduled runs (incremental every few minutes, full at a cron time) may be switched off per connection.
ALTER TABLE directory_connection ADD COLUMN schedule_enabled BOOLEAN DEFAULT TRUE NOT NULL;

-- An incremental run asks which identities were in a group before it changed.
CREATE INDEX identity_group_dn ON identity_group (group_dn);

-- Every sync page looks its entries up by key ("directory_key IN (...500 keys)"). H2 uses an index for
-- an IN list only on the index's first column; behind the connection id, it scanned all of a
-- connection's identities for every page.
CREATE INDEX identity_directory_key_lookup ON identity (directory_key);
