package org.twofold.device.boundary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Like {@link SignedByDevice}, and also open to a device wiped by a restore for the notification of that
 * restore (path parameter {@code id}), for 24 h — the one call such a device may still make.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SignedByDeviceOrWipedOwner {
}
