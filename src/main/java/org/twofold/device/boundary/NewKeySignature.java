package org.twofold.device.boundary;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.interfaces.ECPublicKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import org.twofold.crypto.control.DeviceKeys;
import org.twofold.crypto.control.RequestSignature;
import org.twofold.platform.control.JsonBodies;
import org.twofold.platform.control.JsonMembers;
import org.twofold.platform.control.Refusal;

/** Proves possession of the new device key before a device is created with it. */
@Provider
@ApplicationScoped
@SignedByNewKey
@Priority(Priorities.AUTHENTICATION)
public class NewKeySignature implements ContainerRequestFilter {

    @Inject
    SignedRequests signedRequests;

    @Inject
    NewDeviceKey newDeviceKey;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        RequestSignature signed = signedRequests.read(request);
        String publicKey = JsonMembers.of(JsonBodies.object(new ByteArrayInputStream(signed.body()))).text("publicKey", 400);
        ECPublicKey key = DeviceKeys.parse(publicKey).orElseThrow(
                () -> Refusal.invalidRequest("Member 'publicKey' is not a base64url P-256 SubjectPublicKeyInfo"));
        signedRequests.verify(signed, key);
        newDeviceKey.verified(publicKey);
    }
}
