package org.twofold.delivery.control;

import java.util.List;

import org.twofold.identity.entity.Identity;

/** Whom a restore code goes to, and where they can be reached. */
public record CodeRecipient(String identityId, String user, String displayName, String email, List<String> postalAddress) {

    public static CodeRecipient of(Identity identity) {
        return new CodeRecipient(identity.id(), identity.user(), identity.displayName(), identity.email(),
                identity.postalAddress());
    }

    /** How letters and handouts address the user. */
    public String name() {
        return displayName == null ? user : displayName;
    }
}
