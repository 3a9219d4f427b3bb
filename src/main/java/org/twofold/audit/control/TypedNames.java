package org.twofold.audit.control;

import java.util.regex.Pattern;

/**
 * What a refused sign-in typed as its name, as the audit trail keeps it. Something that cannot be a user or
 * operator name — often a password typed into the wrong field — is not kept: the trail is append-only.
 */
public final class TypedNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@ -]{0,127}");
    static final String NOT_A_NAME = "(not a name)";

    private TypedNames() {
    }

    public static String auditable(String typed) {
        return typed != null && NAME.matcher(typed).matches() ? typed : NOT_A_NAME;
    }
}
