package org.twofold.directory.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PassShareTest {

    @Test
    void aRunThatWritesPlansInItsFirstHalfAndWritesInItsSecond() {
        assertEquals(0, PassShare.planning(false, 1000).percent(0));
        assertEquals(25, PassShare.planning(false, 1000).percent(500));
        assertEquals(50, PassShare.writing(1000).percent(0));
        assertEquals(75, PassShare.writing(1000).percent(500));
    }

    @Test
    void aDryRunOnlyPlans() {
        assertEquals(40, PassShare.planning(true, 1000).percent(400));
    }

    @Test
    void aPassThatReadsMoreThanExpectedStaysBelowItsEnd() {
        assertEquals(49, PassShare.planning(false, 100).percent(5000));
        assertEquals(99, PassShare.writing(100).percent(101));
        assertEquals(99, PassShare.planning(true, 1).percent(Integer.MAX_VALUE));
    }

    @Test
    void withoutAnExpectationTheShareIsUnknown() {
        assertNull(PassShare.planning(true, 0).percent(300));
    }
}
