package org.twofold.dashboard.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.el.ELContext;
import jakarta.el.ELResolver;
import jakarta.el.FunctionMapper;
import jakarta.el.PropertyNotWritableException;
import jakarta.el.VariableMapper;

import org.junit.jupiter.api.Test;

class RecordElResolverTest {

    record Figures(long restores, long blocks) {
        public long total() {
            return restores + blocks;
        }

        public void reset() {
        }

        public static Figures none() {
            return new Figures(0, 0);
        }
    }

    static final class Bean {
        public long total() {
            return 1;
        }
    }

    private final RecordElResolver resolver = new RecordElResolver();

    @Test
    void readsComponentsAndDerivedValuesOfRecords() {
        Figures figures = new Figures(3, 4);
        ELContext context = new Context();

        assertEquals(3L, resolver.getValue(context, figures, "restores"));
        assertTrue(context.isPropertyResolved());
        assertEquals(7L, resolver.getValue(new Context(), figures, "total"));
        assertTrue(resolver.isReadOnly(new Context(), figures, "blocks"));
        assertThrows(PropertyNotWritableException.class, () -> resolver.setValue(new Context(), figures, "blocks", 1L));
    }

    @Test
    void leavesEverythingElseToTheOtherResolvers() {
        for (Object[] unresolved : new Object[][] {
                {new Figures(1, 2), "reset"}, {new Figures(1, 2), "none"}, {new Figures(1, 2), "missing"},
                {new Figures(1, 2), "hashCode"}, {new Bean(), "total"}, {null, "total"}}) {
            ELContext context = new Context();
            assertNull(resolver.getValue(context, unresolved[0], (String) unresolved[1]));
            assertFalse(context.isPropertyResolved(), () -> "resolved " + unresolved[1]);
        }
    }

    private static final class Context extends ELContext {
        @Override
        public ELResolver getELResolver() {
            return null;
        }

        @Override
        public FunctionMapper getFunctionMapper() {
            return null;
        }

        @Override
        public VariableMapper getVariableMapper() {
            return null;
        }
    }
}
