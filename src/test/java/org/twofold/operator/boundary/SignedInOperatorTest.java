package org.twofold.operator.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.twofold.operator.entity.Role;

class SignedInOperatorTest {

    private static final Instant SIGNED_IN = Instant.parse("2026-11-27T09:00:00Z");

    private final SignedInOperator fromDirectory =
            new SignedInOperator("hd1", SIGNED_IN, "connection", Set.of(Role.HELPDESK), SIGNED_IN, SIGNED_IN);

    @Test
    void aDirectoryOperatorsGroupsAreReadAgainAfterFiveMinutes() {
        assertFalse(fromDirectory.rolesDue(SIGNED_IN.plus(Duration.ofMinutes(4))));
        assertTrue(fromDirectory.rolesDue(SIGNED_IN.plus(Duration.ofMinutes(6))));
        assertFalse(SignedInOperator.local("admin", SIGNED_IN).fromDirectory());
    }

    @Test
    void whileTheDirectoryDoesNotAnswerTheRolesStayFifteenMinutesThenGo() {
        SignedInOperator tenMinutesOut = fromDirectory.unconfirmed(SIGNED_IN.plus(Duration.ofMinutes(5)))
                .unconfirmed(SIGNED_IN.plus(Duration.ofMinutes(10)));
        assertEquals(Set.of(Role.HELPDESK), tenMinutesOut.roles());
        assertFalse(tenMinutesOut.rolesDue(SIGNED_IN.plus(Duration.ofMinutes(14))), "not asked at every click");

        assertEquals(Set.of(), tenMinutesOut.unconfirmed(SIGNED_IN.plus(Duration.ofMinutes(15))).roles());
        assertEquals(Set.of(Role.ADMIN),
                tenMinutesOut.withRoles(Set.of(Role.ADMIN), SIGNED_IN.plus(Duration.ofMinutes(15))).roles(),
                "an answer brings the roles it gives");
    }
}
