-- The users page reads every search from an index range in the order it shows (IdentitySearch): a status
-- (a rare one, such as LOCKED, among a million) in user-name or display-name order, a display name in
-- display-name order with ties by user name. The display-name index without the user name is replaced.
CREATE INDEX identity_status_user ON identity (status, user_name);
CREATE INDEX identity_status_display_name ON identity (status, display_name_key, user_name);
CREATE INDEX identity_display_name_user ON identity (display_name_key, user_name);
DROP INDEX identity_display_name_key;
