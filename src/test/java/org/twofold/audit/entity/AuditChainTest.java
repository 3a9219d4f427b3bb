package org.twofold.audit.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The hash-chained audit trail: appending chains, tampering shows, over-long values are clamped. */
class AuditChainTest {

    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00.123456789Z");

    private AuditHead head;

    @BeforeEach
    void freshChain() throws ReflectiveOperationException {
        head = newHead();
    }

    /** As the migration creates it: last_seq 0, last_hash 'genesis'. */
    static AuditHead newHead() throws ReflectiveOperationException {
        AuditHead fresh = new AuditHead();
        set(fresh, "lastHash", AuditChain.GENESIS);
        return fresh;
    }

    private List<AuditEntry> appendThree() {
        List<AuditEntry> entries = new ArrayList<>();
        entries.add(head.append(T0, Actor.operator("admin", "10.0.0.1"), "identity.create", "jdoe", Outcome.SUCCESS, "email j@example.test"));
        entries.add(head.append(T0.plusSeconds(1), Actor.device("d-1", "jdoe", "10.0.0.2"), "auth.decide", "session-1", Outcome.DENIED, null));
        entries.add(head.append(T0.plusSeconds(2), Actor.SYSTEM, "startup", "appliance", Outcome.SUCCESS, "v0.1.0"));
        return entries;
    }

    @Test
    void appendingChainsTheHashes() {
        List<AuditEntry> entries = appendThree();

        assertEquals(AuditChain.GENESIS, entries.get(0).previousHash());
        assertEquals(entries.get(0).hash(), entries.get(1).previousHash());
        assertEquals(entries.get(1).hash(), entries.get(2).previousHash());
        assertEquals(List.of(1L, 2L, 3L), entries.stream().map(AuditEntry::seq).toList());
        assertEquals(3, head.lastSeq());
        assertEquals(entries.get(2).hash(), head.lastHash());
        for (AuditEntry entry : entries) {
            assertTrue(entry.hash().matches("[0-9a-f]{64}"), entry.hash());
        }
        assertTrue(walk(entries), "the whole chain verifies");
    }

    @Test
    void eachEntryIsIntactAgainstItsPredecessor() {
        List<AuditEntry> entries = appendThree();
        assertTrue(AuditChain.isIntact(entries.get(0), AuditChain.GENESIS));
        assertTrue(AuditChain.isIntact(entries.get(1), entries.get(0).hash()));
        assertTrue(AuditChain.isIntact(entries.get(2), entries.get(1).hash()));
    }

    @Test
    void wrongPreviousHashBreaksIt() {
        List<AuditEntry> entries = appendThree();
        assertFalse(AuditChain.isIntact(entries.get(1), AuditChain.GENESIS));
        assertFalse(AuditChain.isIntact(entries.get(2), entries.get(0).hash()));
        assertFalse(AuditChain.isIntact(entries.get(0), "0".repeat(64)));
    }

    @Test
    void removingAnEntryBreaksTheChain() {
        List<AuditEntry> entries = appendThree();
        entries.remove(1);
        assertFalse(walk(entries));
    }

    @Test
    void reorderingEntriesBreaksTheChain() {
        List<AuditEntry> entries = appendThree();
        entries.add(0, entries.remove(1));
        assertFalse(walk(entries));
    }

    static Stream<Arguments> tamperings() {
        return Stream.of(
                Arguments.of("seq", 7L),
                Arguments.of("recordedAt", T0.plusMillis(1)),
                Arguments.of("actor", "operator:mallory"),
                Arguments.of("action", "identity.delete"),
                Arguments.of("target", "someone-else"),
                Arguments.of("target", null),
                Arguments.of("sourceAddress", "10.6.6.6"),
                Arguments.of("sourceAddress", null),
                Arguments.of("outcome", Outcome.FAILED),
                Arguments.of("detail", "email other@example.test"),
                Arguments.of("detail", null),
                Arguments.of("detail", ""),
                Arguments.of("hash", "0".repeat(64)));
    }

    @ParameterizedTest(name = "{0} := {1}")
    @MethodSource("tamperings")
    void changingAStoredFieldBreaksIt(String field, Object value) throws ReflectiveOperationException {
        List<AuditEntry> entries = appendThree();
        AuditEntry first = entries.get(0);
        assertTrue(AuditChain.isIntact(first, AuditChain.GENESIS), "precondition");

        set(first, field, value);

        assertFalse(AuditChain.isIntact(first, AuditChain.GENESIS), field + " changed unnoticed");
        assertFalse(walk(entries));
    }

    @Test
    void changingThePreviousHashBreaksItEvenAgainstThatValue() throws ReflectiveOperationException {
        List<AuditEntry> entries = appendThree();
        AuditEntry second = entries.get(1);
        String forged = "f".repeat(64);
        set(second, "previousHash", forged);
        assertFalse(AuditChain.isIntact(second, forged));
        assertFalse(AuditChain.isIntact(second, entries.get(0).hash()));
    }

    @Test
    void rehashingATamperedEntryStillBreaksTheNextOne() throws ReflectiveOperationException {
        List<AuditEntry> entries = appendThree();
        AuditEntry first = entries.get(0);
        AuditEntry forged = new AuditEntry(first.seq(), first.recordedAt(), first.actor(), "nothing.happened",
                first.target(), first.sourceAddress(), first.outcome(), first.detail(), first.previousHash());
        assertTrue(AuditChain.isIntact(forged, AuditChain.GENESIS), "a forger can make one entry consistent");
        entries.set(0, forged);
        assertFalse(walk(entries), "but its successor names the original hash");
    }

    @Test
    void entriesThatDifferInOneFieldHashDifferently() {
        AuditEntry base = entry("operator:admin", "a.b", "jdoe", "10.0.0.1", "detail");
        assertNotEquals(base.hash(), entry("operator:admin", "a.b", "jdoe", "10.0.0.1", "detail.").hash());
        assertNotEquals(base.hash(), entry("operator:admin", "a.b", "jdoe", null, "detail").hash());
        assertNotEquals(base.hash(), entry("operator:admiN", "a.b", "jdoe", "10.0.0.1", "detail").hash());
        assertEquals(base.hash(), entry("operator:admin", "a.b", "jdoe", "10.0.0.1", "detail").hash(), "deterministic");
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        // length prefixes: moving characters from one field to the next changes the hash
        assertNotEquals(entry("ab", "c", "t", null, null).hash(), entry("a", "bc", "t", null, null).hash());
        assertNotEquals(entry("a", "b", "t", "", null).hash(), entry("a", "b", "t", null, "").hash());
        assertNotEquals(entry("a", "b", "t", null, null).hash(), entry("a", "b", "t", "", null).hash());
    }

    @Test
    void timestampsAreTruncatedToMillis() {
        AuditEntry entry = head.append(T0, Actor.SYSTEM, "startup", "appliance", Outcome.SUCCESS, null);
        assertEquals(Instant.parse("2026-01-15T10:00:00.123Z"), entry.recordedAt());
        assertEquals(123_000_000, entry.recordedAt().getNano());
        assertTrue(AuditChain.isIntact(entry, AuditChain.GENESIS),
                "the hash covers the truncated time, which is what the database gives back");
    }

    @Test
    void overLongValuesAreClamped() {
        Actor actor = new Actor("a".repeat(250), "s".repeat(100));
        AuditEntry entry = head.append(T0, actor, "x".repeat(100), "t".repeat(300), Outcome.FAILED, "d".repeat(2000));
        assertEquals("a".repeat(200), entry.actor());
        assertEquals("x".repeat(64), entry.action());
        assertEquals("t".repeat(200), entry.target());
        assertEquals("s".repeat(64), entry.sourceAddress());
        assertEquals("d".repeat(1000), entry.detail());
        assertTrue(AuditChain.isIntact(entry, AuditChain.GENESIS));
    }

    @Test
    void valuesAtTheLimitAndNullsAreKept() {
        Actor actor = new Actor("a".repeat(200), null);
        AuditEntry entry = head.append(T0, actor, "x".repeat(64), "t".repeat(200), Outcome.SUCCESS, null);
        assertEquals("a".repeat(200), entry.actor());
        assertEquals("x".repeat(64), entry.action());
        assertEquals("t".repeat(200), entry.target());
        assertNull(entry.sourceAddress());
        assertNull(entry.detail());

        AuditEntry full = head.append(T0, Actor.operator("admin", "s".repeat(64)), "a", "t", Outcome.SUCCESS, "d".repeat(1000));
        assertEquals("s".repeat(64), full.sourceAddress());
        assertEquals("d".repeat(1000), full.detail());
    }

    @Test
    void actorNamesSayWhoActed() {
        assertEquals("operator:admin", Actor.operator("admin", "10.0.0.1").name());
        assertEquals("device:d-1 (jdoe)", Actor.device("d-1", "jdoe", null).name());
        assertEquals("relying-party:vpn", Actor.relyingParty("vpn", null).name());
        assertEquals("new-device", Actor.newDevice("10.0.0.9").name());
        assertEquals("10.0.0.9", Actor.newDevice("10.0.0.9").sourceAddress());
        assertEquals("system", Actor.SYSTEM.name());
    }

    /** What AuditTrail.verify does against the database: gap-free seq from 1, each entry intact after its predecessor. */
    private static boolean walk(List<AuditEntry> entries) {
        String previous = AuditChain.GENESIS;
        long seq = 1;
        for (AuditEntry entry : entries) {
            if (entry.seq() != seq || !AuditChain.isIntact(entry, previous)) {
                return false;
            }
            previous = entry.hash();
            seq++;
        }
        return true;
    }

    private static AuditEntry entry(String actor, String action, String target, String source, String detail) {
        return new AuditEntry(1, Instant.parse("2026-01-15T10:00:00.123Z"), actor, action, target, source,
                Outcome.SUCCESS, detail, AuditChain.GENESIS);
    }

    private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        if (field.getType() == long.class) {
            field.setLong(target, (Long) value);
        } else {
            field.set(target, value);
        }
    }
}
