package org.twofold.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twofold.identity.entity.IdentityStatus;

class IdentitySearchFilterTest {

    @Test
    void aTypedPrefixMatchesOnlyItselfWhateverLikeCharactersItHas() {
        assertEquals("j!_doe!%%", IdentitySearch.Filter.like("J_Doe%"));
        assertEquals("a!!b%", IdentitySearch.Filter.like("a!b"));
        assertEquals("anna berger%", IdentitySearch.Filter.like("  Anna Berger "));
    }

    @Test
    void thePrefixRangeEndsAtTheLeastStringAfterAllItsExtensions() {
        assertEquals("jdof", IdentitySearch.Filter.successor("jdoe"));
        assertEquals("anna berges", IdentitySearch.Filter.successor("anna berger"));
        assertTrue("jdoe.zzz~".compareTo(IdentitySearch.Filter.successor("jdoe")) < 0);
    }

    @Test
    void blankFiltersDoNotFilter() {
        String where = new IdentitySearch.Filter(" ", null, null).where();
        assertFalse(where.contains("LIKE"), where);
        assertFalse(where.contains("status"), where);
    }

    @Test
    void eachGivenFilterIsAnIndexedPrefixOrEquality() {
        String where = new IdentitySearch.Filter("jd", "anna", IdentityStatus.DEACTIVATED).where();
        assertTrue(where.contains("i.user >= :userFrom AND i.user < :userTo AND i.user LIKE :user ESCAPE '!'"), where);
        assertTrue(where.contains("i.displayNameKey >= :nameFrom AND i.displayNameKey < :nameTo"), where);
        assertTrue(where.contains("i.displayNameKey LIKE :name ESCAPE '!'"), where);
        assertTrue(where.contains("i.status = :status"), where);
    }
}
