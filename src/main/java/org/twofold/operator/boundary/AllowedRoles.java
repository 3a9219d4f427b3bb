package org.twofold.operator.boundary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import org.twofold.operator.entity.Role;

/**
 * The operator roles allowed to call a boundary method (or every method of a class). An empty list
 * means any operator, whatever the role. Enforced by {@link AllowedRolesCheck} for REST and dashboard alike.
 */
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AllowedRoles {

    @Nonbinding
    Role[] value() default {};
}
