package org.twofold.device.boundary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * A call that creates a device (enroll, restore, duplication claim): signed by the new key whose public
 * key is the body's {@code publicKey}; the verified key is then in {@link NewDeviceKey}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SignedByNewKey {
}
