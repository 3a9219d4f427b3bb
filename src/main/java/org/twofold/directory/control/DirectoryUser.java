package org.twofold.directory.control;

import java.util.List;
import java.util.Set;

/**
 * A user entry as the sync understands it: its stable key, where it is, the values Twofold keeps, whether
 * the account is enabled and the groups it is a member of (normalised DNs): directly as read, through
 * any nesting once resolved.
 */
public record DirectoryUser(String key, String dn, String user, String email, String displayName,
                            List<String> postalAddress, String phone, boolean enabled, Set<String> groups) {

    /** The same user with its memberships resolved through group nesting. */
    DirectoryUser withGroups(Set<String> allGroups) {
        return new DirectoryUser(key, dn, user, email, displayName, postalAddress, phone, enabled, allGroups);
    }
}
