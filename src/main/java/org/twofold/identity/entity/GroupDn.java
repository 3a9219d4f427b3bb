package org.twofold.identity.entity;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Directory group names compare as AD compares DNs in practice: case-insensitively and regardless of the
 * spaces around {@code ,} and {@code =}, so {@code CN=VPN Users, OU=Groups} in a policy matches
 * {@code cn=vpn users,ou=groups} from the directory.
 */
public final class GroupDn {

    private static final Pattern SPACES_AROUND_SEPARATORS = Pattern.compile("\\s*([,=])\\s*");

    private GroupDn() {
    }

    public static String normalize(String dn) {
        return SPACES_AROUND_SEPARATORS.matcher(dn.strip()).replaceAll("$1").toLowerCase(Locale.ROOT);
    }
}
