package org.twofold.directory.entity;

import java.util.List;

/**
 * Which directory attributes hold what Twofold needs of a user. {@code postalAddress} lists the attributes
 * whose values, in order, make the lines of a letter's address; {@code disabled} (generic LDAP only) names
 * an attribute whose presence with a true value marks a disabled account (AD uses userAccountControl).
 */
public record AttributeMapping(String user, String email, String displayName, List<String> postalAddress, String phone,
                               String disabled) {

    public AttributeMapping {
        postalAddress = List.copyOf(postalAddress);
    }
}
