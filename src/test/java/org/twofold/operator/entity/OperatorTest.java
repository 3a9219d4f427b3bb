package org.twofold.operator.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Operator roles survive the comma-separated column in both directions. */
class OperatorTest {

    @Test
    void rolesRoundTrip() {
        for (Set<Role> roles : java.util.List.of(EnumSet.noneOf(Role.class), EnumSet.of(Role.HELPDESK),
                EnumSet.of(Role.ADMIN, Role.SECURITY_OFFICER), EnumSet.allOf(Role.class))) {
            assertEquals(roles, new Operator("ops", "hash", roles, Instant.EPOCH).roles());
        }
    }
}
