package org.twofold.restore.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * The identity's restore code: a new code replaces the old one and reopens restore; blocking a newcomer
 * shuts restore and kills the code when that newcomer was the device it was shown to.
 */
class RestoreCredentialTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    private final RestoreCredential credential = new RestoreCredential("identity-1");

    @Test
    void aNewCredentialHasNoCodeAndIsOpen() {
        assertEquals("identity-1", credential.identityId());
        assertFalse(credential.hasCode());
        assertNull(credential.codeHash());
        assertNull(credential.issuedAt());
        assertFalse(credential.lockedByBlock());
    }

    @Test
    void replaceCodeStoresTheNewHash() {
        credential.replaceCode("hash-1", "device-1", NOW);
        assertTrue(credential.hasCode());
        assertEquals("hash-1", credential.codeHash());
        assertEquals(NOW, credential.issuedAt());

        credential.replaceCode("hash-2", null, NOW.plusSeconds(60));
        assertEquals("hash-2", credential.codeHash(), "the old code dies");
        assertEquals(NOW.plusSeconds(60), credential.issuedAt());
    }

    @Test
    void replaceCodeOpensARestoreLockLeftByABlock() {
        credential.replaceCode("hash-1", "newcomer", NOW);
        credential.lockAfterBlock("newcomer");
        assertTrue(credential.lockedByBlock());

        credential.replaceCode("hash-2", "old-phone", NOW.plusSeconds(60));

        assertFalse(credential.lockedByBlock());
        assertTrue(credential.hasCode());
        assertEquals("hash-2", credential.codeHash());
    }

    @Test
    void blockingTheDeviceThatWasShownTheCodeKillsTheCode() {
        credential.replaceCode("hash-1", "newcomer", NOW);

        credential.lockAfterBlock("newcomer");

        assertTrue(credential.lockedByBlock());
        assertFalse(credential.hasCode());
        assertNull(credential.codeHash());
    }

    @Test
    void blockingAnotherDeviceKeepsTheCodeButLocks() {
        credential.replaceCode("hash-1", "old-phone", NOW);

        credential.lockAfterBlock("newcomer");

        assertTrue(credential.lockedByBlock(), "restore is shut whoever was blocked");
        assertTrue(credential.hasCode(), "a code that the blocked device never saw stays");
        assertEquals("hash-1", credential.codeHash());
    }

    @Test
    void blockingKeepsACodeDeliveredOnAnotherChannel() {
        credential.replaceCode("hash-1", null, NOW); // e.g. by letter: shown to no device

        credential.lockAfterBlock("newcomer");

        assertTrue(credential.lockedByBlock());
        assertEquals("hash-1", credential.codeHash());
    }

    @Test
    void blockingWithoutAnyCodeStillLocks() {
        credential.lockAfterBlock("newcomer");
        assertTrue(credential.lockedByBlock());
        assertFalse(credential.hasCode());
    }

    @Test
    void theShownDeviceIsForgottenWithTheCode() {
        credential.replaceCode("hash-1", "newcomer", NOW);
        credential.lockAfterBlock("newcomer");
        credential.unlock();

        credential.lockAfterBlock("newcomer");

        assertTrue(credential.lockedByBlock());
        assertFalse(credential.hasCode());
    }

    @Test
    void unlockOpensRestoreButDoesNotRaiseADeadCode() {
        credential.replaceCode("hash-1", "newcomer", NOW);
        credential.lockAfterBlock("newcomer");

        credential.unlock();

        assertFalse(credential.lockedByBlock());
        assertFalse(credential.hasCode(), "the code stays dead until a new one is issued");
    }

    @Test
    void unlockKeepsACodeThatSurvivedTheBlock() {
        credential.replaceCode("hash-1", "old-phone", NOW);
        credential.lockAfterBlock("newcomer");

        credential.unlock();

        assertFalse(credential.lockedByBlock());
        assertEquals("hash-1", credential.codeHash());
    }
}
