package org.twofold.operator.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Operator roles survive the comma-separated column in both directions; a new password ends older sessions. */
class OperatorTest {

    @Test
    void rolesRoundTrip() {
        for (Set<Role> roles : java.util.List.of(EnumSet.noneOf(Role.class), EnumSet.of(Role.HELPDESK),
                EnumSet.of(Role.ADMIN, Role.SECURITY_OFFICER), EnumSet.allOf(Role.class))) {
            assertEquals(roles, new Operator("ops", "hash", roles, Instant.EPOCH).roles());
        }
    }

    @Test
    void aNewPasswordEndsTheSessionsSignedInBeforeIt() {
        Instant created = Instant.parse("2026-03-01T10:00:00Z");
        Operator operator = new Operator("ops", "hash", EnumSet.of(Role.ADMIN), created);
        assertTrue(operator.acceptsSessionFrom(created.plusSeconds(5)), "never changed: every session counts");

        operator.changePassword("new hash", created.plusSeconds(60));

        assertFalse(operator.acceptsSessionFrom(created.plusSeconds(5)));
        assertTrue(operator.acceptsSessionFrom(created.plusSeconds(60)));
        assertTrue(operator.acceptsSessionFrom(created.plusSeconds(61)));
        assertEquals("new hash", operator.passwordHash());
    }
}
