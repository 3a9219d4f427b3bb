-- Administration on the dashboard.
-- A new operator password ends the dashboard sessions signed in before it.
ALTER TABLE operator ADD COLUMN password_changed_at TIMESTAMP WITH TIME ZONE;
