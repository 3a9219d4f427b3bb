package org.twofold.directory.entity;

import java.util.List;

/** Which kind of directory a connection reads, with the filter and attribute names that kind usually has. */
public enum DirectoryFlavor {
    ACTIVE_DIRECTORY("(&(objectCategory=person)(objectClass=user))", "sAMAccountName", "mail", "displayName",
            "telephoneNumber"),
    GENERIC_LDAP("(objectClass=inetOrgPerson)", "uid", "mail", "cn", "telephoneNumber");

    private final String defaultUserFilter;
    private final String defaultUserAttribute;
    private final String defaultEmailAttribute;
    private final String defaultDisplayNameAttribute;
    private final String defaultPhoneAttribute;

    DirectoryFlavor(String defaultUserFilter, String defaultUserAttribute, String defaultEmailAttribute,
                    String defaultDisplayNameAttribute, String defaultPhoneAttribute) {
        this.defaultUserFilter = defaultUserFilter;
        this.defaultUserAttribute = defaultUserAttribute;
        this.defaultEmailAttribute = defaultEmailAttribute;
        this.defaultDisplayNameAttribute = defaultDisplayNameAttribute;
        this.defaultPhoneAttribute = defaultPhoneAttribute;
    }

    public String defaultUserFilter() {
        return defaultUserFilter;
    }

    /** The attribute mapping a connection gets for every member it leaves out. */
    public AttributeMapping defaultAttributes() {
        return new AttributeMapping(defaultUserAttribute, defaultEmailAttribute, defaultDisplayNameAttribute,
                this == ACTIVE_DIRECTORY ? List.of("streetAddress", "postalCode", "l", "co")
                        : List.of("postalAddress"),
                defaultPhoneAttribute, null);
    }
}
