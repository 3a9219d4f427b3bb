-- Administration on the dashboard.
-- A new operator password ends the dashboard sessions signed in before it.
ALTER TABLE operator ADD COLUMN password_changed_at TIMESTAMP WITH TIME ZONE;
-- The audit page filters by actor or by action, newest first, over a trail of millions of entries
-- (the target filter has its index since V1).
CREATE INDEX audit_entry_actor ON audit_entry (actor, seq);
CREATE INDEX audit_entry_action ON audit_entry (action, seq);
