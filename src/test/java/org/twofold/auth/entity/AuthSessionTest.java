package org.twofold.auth.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A relying party's login session: expiry and the device's decision with number matching. */
class AuthSessionTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00.000Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofSeconds(120));

    private final AuthSession session = new AuthSession("rp-1", "identity-1", "VPN login from 10.1.2.3",
            new NumberChallenge("47", List.of("12", "47", "90")), NOW, EXPIRES);

    @Test
    void newSessionIsPendingAndKeepsTheChallenge() {
        assertEquals(AuthStatus.PENDING, session.statusAt(NOW));
        assertEquals("47", session.displayNumber());
        assertEquals(List.of("12", "47", "90"), session.choices());
        assertEquals("VPN login from 10.1.2.3", session.context());
        assertEquals(NOW, session.createdAt());
        assertEquals(EXPIRES, session.expiresAt());
        assertEquals(null, session.decidedAt());
        assertNotEquals(session.id(), new AuthSession("rp-1", "identity-1", "x",
                new NumberChallenge("47", List.of("12", "47", "90")), NOW, EXPIRES).id());
    }

    @Test
    void pendingBeforeExpiry() {
        assertEquals(AuthStatus.PENDING, session.statusAt(EXPIRES.minusMillis(1)));
        assertEquals(AuthStatus.PENDING, session.statusAt(NOW.minusSeconds(5)));
    }

    @Test
    void expiredAtExpiry() {
        assertEquals(AuthStatus.EXPIRED, session.statusAt(EXPIRES));
    }

    @Test
    void expiredAfterExpiry() {
        assertEquals(AuthStatus.EXPIRED, session.statusAt(EXPIRES.plusMillis(1)));
        assertEquals(AuthStatus.EXPIRED, session.statusAt(EXPIRES.plus(Duration.ofDays(1))));
    }

    @ParameterizedTest
    @EnumSource(value = AuthStatus.class, names = {"APPROVED", "DENIED", "CANCELLED"})
    void aDecidedSessionKeepsItsStatusAfterExpiry(AuthStatus decided) throws ReflectiveOperationException {
        Field status = AuthSession.class.getDeclaredField("status");
        status.setAccessible(true);
        status.set(session, decided);
        assertEquals(decided, session.statusAt(EXPIRES.plusSeconds(1)));
        assertEquals(decided, session.statusAt(NOW));
    }

    @Test
    void approveWithTheRightNumberApproves() {
        assertEquals(AuthStatus.APPROVED, session.outcomeOf(true, "47"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "90", "48", "", " 47", "47 ", "047"})
    void approveWithAWrongNumberDenies(String picked) {
        assertEquals(AuthStatus.DENIED, session.outcomeOf(true, picked));
    }

    @Test
    void approveWithoutANumberDenies() {
        assertEquals(AuthStatus.DENIED, session.outcomeOf(true, null));
    }

    @Test
    void denyDeniesWhateverTheNumber() {
        assertEquals(AuthStatus.DENIED, session.outcomeOf(false, "47"));
        assertEquals(AuthStatus.DENIED, session.outcomeOf(false, "12"));
        assertEquals(AuthStatus.DENIED, session.outcomeOf(false, null));
    }
}
