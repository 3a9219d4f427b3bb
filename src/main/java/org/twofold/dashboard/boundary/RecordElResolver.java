package org.twofold.dashboard.boundary;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;

import jakarta.el.ELContext;
import jakarta.el.ELException;
import jakarta.el.ELResolver;
import jakarta.el.PropertyNotWritableException;

/**
 * Lets the pages read records' components as properties ({@code #{row.user}}), as Jakarta EL 6 does; the
 * EL 5 of Jakarta EE 10 knows only JavaBeans getters. A record's other public no-argument methods read the
 * same way ({@code #{figures.busiestDay}}): they are values derived from its components. Records are
 * read-only.
 */
public class RecordElResolver extends ELResolver {

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        Optional<Method> component = component(base, property);
        if (component.isEmpty()) {
            return null;
        }
        context.setPropertyResolved(base, property);
        try {
            return component.get().invoke(base);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new ELException("cannot read " + property + " of " + base.getClass().getName(), e);
        }
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        Optional<Method> component = component(base, property);
        if (component.isEmpty()) {
            return null;
        }
        context.setPropertyResolved(base, property);
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        if (component(base, property).isPresent()) {
            throw new PropertyNotWritableException(property + " of a record cannot be changed");
        }
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        if (component(base, property).isEmpty()) {
            return false;
        }
        context.setPropertyResolved(base, property);
        return true;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return base != null && base.getClass().isRecord() ? String.class : null;
    }

    private static boolean isObjectMethod(String name) {
        try {
            Object.class.getMethod(name);
            return true;
        } catch (NoSuchMethodException notOne) {
            return false;
        }
    }

    private static Optional<Method> component(Object base, Object property) {
        if (base == null || !base.getClass().isRecord() || !(property instanceof String name)) {
            return Optional.empty();
        }
        try {
            Method method = base.getClass().getMethod(name);
            boolean readable = method.getReturnType() != void.class && !Modifier.isStatic(method.getModifiers())
                    && method.getDeclaringClass() == base.getClass() && !isObjectMethod(name);
            return readable ? Optional.of(method) : Optional.empty();
        } catch (NoSuchMethodException notAProperty) {
            return Optional.empty();
        }
    }
}
