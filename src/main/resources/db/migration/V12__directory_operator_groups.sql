-- Operators from the directory: a connection maps directory groups to operator roles, as JSON
-- {"ADMIN": ["cn=..."], "SECURITY_OFFICER": [...], "HELPDESK": [...]}; {} maps none.
ALTER TABLE directory_connection ADD COLUMN operator_groups VARCHAR(8000) DEFAULT '{}' NOT NULL;
