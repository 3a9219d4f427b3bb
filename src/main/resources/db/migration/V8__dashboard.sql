-- Dashboard: the users page finds an identity by the start of its display name in any letter case and
-- sorts by display name or creation, over a million identities, from indexes (H2 has no expression
-- indexes, so the lower-cased name is a column the application keeps).
ALTER TABLE identity ADD COLUMN display_name_key VARCHAR(200);
UPDATE identity SET display_name_key = LOWER(display_name);
CREATE INDEX identity_display_name_key ON identity (display_name_key);
CREATE INDEX identity_created_at ON identity (created_at);
-- The overview's 30-day chart of restores, duplications and blocks.
CREATE INDEX audit_entry_action_time ON audit_entry (action, recorded_at);
