package org.twofold.audit.entity;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How an audit entry's hash is formed: SHA-256 over every field, each length-prefixed so that no two
 * different entries can serialise alike, ending with the previous entry's hash.
 */
public final class AuditChain {

    public static final String GENESIS = "genesis";

    private AuditChain() {
    }

    static String hashOf(AuditEntry entry) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(entry.seq());
            out.writeLong(entry.recordedAt().getEpochSecond());
            out.writeInt(entry.recordedAt().getNano());
            field(out, entry.actor());
            field(out, entry.action());
            field(out, entry.target());
            field(out, entry.sourceAddress());
            field(out, entry.outcome().name());
            field(out, entry.detail());
            field(out, entry.previousHash());
            out.flush();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** True when the stored hash is the hash of the stored fields and the entry follows {@code previousHash}. */
    public static boolean isIntact(AuditEntry entry, String expectedPreviousHash) {
        return entry.previousHash().equals(expectedPreviousHash) && hashOf(entry).equals(entry.hash());
    }

    private static void field(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
