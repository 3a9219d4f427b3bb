package org.twofold.device.boundary;

import jakarta.enterprise.context.RequestScoped;

/** The public key that signed this device-creating request (set by {@link NewKeySignature}). */
@RequestScoped
public class NewDeviceKey {

    private String publicKey;

    void verified(String publicKey) {
        this.publicKey = publicKey;
    }

    public String publicKey() {
        if (publicKey == null) {
            throw new IllegalStateException("No new device key was verified for this request");
        }
        return publicKey;
    }
}
