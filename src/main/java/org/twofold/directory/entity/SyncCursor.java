package org.twofold.directory.entity;

/**
 * Where a directory was when a run read it, so the next incremental run reads only what changed since.
 * Active Directory: the answering domain controller ({@code server}, its invocationId) and its
 * highestCommittedUSN ({@code mark}) — USNs are per domain controller, so a cursor from another one (or
 * from a restored one, which gets a new invocationId) is worthless. Generic LDAP: {@code server} is empty
 * and {@code mark} a modifyTimestamp (generalized time).
 */
public record SyncCursor(String server, String mark) {

    public SyncCursor {
        if (server.contains(" ") || mark.isEmpty() || mark.contains(" ")) {
            throw new IllegalArgumentException("Not a sync cursor: " + server + " " + mark);
        }
    }

    public static SyncCursor parse(String stored) {
        int space = stored.indexOf(' ');
        return new SyncCursor(stored.substring(0, space), stored.substring(space + 1));
    }

    public long usn() {
        return Long.parseLong(mark);
    }

    @Override
    public String toString() {
        return server + " " + mark;
    }
}
