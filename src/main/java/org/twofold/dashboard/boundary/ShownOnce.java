package org.twofold.dashboard.boundary;

import java.time.Instant;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * An activation code a page shows once. It lives for the request that made it, never in the HTTP session,
 * which a cluster copies between nodes and which lives on while the operator or user works on.
 */
@Named("shownOnce")
@RequestScoped
public class ShownOnce {

    private String code;
    private String qr;
    private Instant expiresAt;

    public void show(String code, String qr, Instant expiresAt) {
        this.code = code;
        this.qr = qr;
        this.expiresAt = expiresAt;
    }

    public boolean isPresent() {
        return code != null;
    }

    public String getCode() {
        return code;
    }

    public String getQr() {
        return qr;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
