package org.twofold.audit.control;

/** The outcome of walking the audit chain. {@code firstBrokenSeq} is 0 when the chain is intact. */
public record ChainVerification(boolean intact, long entriesVerified, long firstBrokenSeq) {

    static ChainVerification intact(long entries) {
        return new ChainVerification(true, entries, 0);
    }

    static ChainVerification brokenAt(long seq, long verifiedBefore) {
        return new ChainVerification(false, verifiedBefore, seq);
    }
}
