-- Users the directory sync creates may get their activation code without a helpdesk: a new restore
-- policy setting, activationCodeDelivery (NONE, EMAIL or POSTAL_LETTER). The default policy must set
-- every setting, so it gets a new version with NONE — what installations did until now — and its
-- history stays as it was. Runs unchanged on H2 2.x and PostgreSQL.

INSERT INTO restore_policy_version (name, version, document, deleted, change_note, changed_by, changed_at)
SELECT v.name, v.version + 1, '{"activationCodeDelivery":"NONE",' || SUBSTRING(v.document FROM 2), FALSE,
       'upgrade: activationCodeDelivery added with NONE, which was the behaviour until then', 'system', CURRENT_TIMESTAMP
FROM restore_policy p JOIN restore_policy_version v ON v.name = p.name AND v.version = p.current_version
WHERE p.name = 'default';

UPDATE restore_policy SET current_version = current_version + 1, version = version + 1 WHERE name = 'default';

-- An activation mail carries the enrollment link as a QR code too, drawn when the mail is sent; like
-- the mail's text, it is erased once the mail is sent.
ALTER TABLE outbox_mail ADD COLUMN qr_content VARCHAR(2000);

-- What a delivered code is for: a restore code (until now the only kind) or an activation code.
ALTER TABLE restore_code_delivery ADD COLUMN purpose VARCHAR(16) DEFAULT 'RESTORE' NOT NULL;
