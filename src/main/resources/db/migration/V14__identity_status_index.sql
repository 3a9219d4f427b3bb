-- The users page filtered by status (a rare one, such as LOCKED, among a million) reads the index range in
-- user-name order instead of the whole table.
CREATE INDEX identity_status_user ON identity (status, user_name);
