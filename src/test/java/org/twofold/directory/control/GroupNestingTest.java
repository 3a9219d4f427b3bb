package org.twofold.directory.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class GroupNestingTest {

    // team is nested in department, department in company; a and b nest in each other
    private final GroupNesting nesting = new GroupNesting(Map.of(
            "cn=team", Set.of("cn=department"),
            "cn=department", Set.of("cn=company"),
            "cn=a", Set.of("cn=b"),
            "cn=b", Set.of("cn=a")));

    @Test
    void membershipsReachEveryGroupTheyAreNestedInAtAnyDepth() {
        assertEquals(Set.of("cn=team", "cn=department", "cn=company", "cn=other"),
                nesting.transitive(Set.of("cn=team", "cn=other")));
        assertEquals(Set.of(), nesting.transitive(Set.of()));
    }

    @Test
    void circularNestingEndsWhereItCloses() {
        assertEquals(Set.of("cn=a", "cn=b"), nesting.transitive(Set.of("cn=a")));
    }

    @Test
    void theGroupsNestedDirectlyInOne() {
        assertEquals(Set.of("cn=team"), nesting.nestedIn("cn=department"));
        assertEquals(Set.of(), nesting.nestedIn("cn=team"));
    }

    @Test
    void theFingerprintChangesWithTheNestingOnly() {
        assertEquals(nesting.fingerprint(), new GroupNesting(Map.of("cn=b", Set.of("cn=a"), "cn=a", Set.of("cn=b"),
                "cn=department", Set.of("cn=company"), "cn=team", Set.of("cn=department"), "cn=empty", Set.of()))
                .fingerprint());
        assertNotEquals(nesting.fingerprint(), new GroupNesting(Map.of("cn=team", Set.of("cn=company"))).fingerprint());
    }
}
