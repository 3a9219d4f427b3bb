package org.twofold.platform.control;

import java.util.Map;

/**
 * A request the appliance refuses, with the stable protocol {@code code} clients act on.
 * Thrown anywhere in control code; the boundary turns it into an RFC 9457 problem answer.
 * Being a runtime exception, it also rolls the surrounding transaction back.
 */
public class Refusal extends RuntimeException {

    private final Kind kind;
    private final String code;
    private final transient Map<String, Object> extensions;

    public Refusal(Kind kind, String code, String title) {
        this(kind, code, title, Map.of());
    }

    public Refusal(Kind kind, String code, String title, Map<String, Object> extensions) {
        super(title, null, false, false);
        this.kind = kind;
        this.code = code;
        this.extensions = Map.copyOf(extensions);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String title() {
        return getMessage();
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public static Refusal invalidRequest(String detail) {
        return new Refusal(Kind.INVALID, "invalid-request", detail);
    }

    /** Why a request is refused; maps one-to-one to an HTTP status at the boundary. */
    public enum Kind {
        INVALID(400),
        UNAUTHENTICATED(401),
        FORBIDDEN(403),
        NOT_FOUND(404),
        CONFLICT(409),
        GONE(410),
        TOO_MANY(429);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
