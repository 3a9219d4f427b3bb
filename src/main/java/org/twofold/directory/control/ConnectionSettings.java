package org.twofold.directory.control;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.twofold.directory.entity.AttributeMapping;
import org.twofold.directory.entity.DirectoryFlavor;
import org.twofold.operator.entity.Role;

/**
 * A directory connection as an operator configures it (PROTOCOL.md, "A directory connection").
 * {@code bindPassword} is empty on an update that keeps the stored one.
 */
public record ConnectionSettings(String name, DirectoryFlavor flavor, List<LdapAddress> urls, boolean startTls,
                                 Optional<String> pinnedSha256, Optional<String> trustedCaPem,
                                 String bindDn, Optional<String> bindPassword,
                                 String baseDn, String userFilter, AttributeMapping attributes,
                                 List<String> twoFactorGroups, boolean scheduleEnabled, int incrementalMinutes,
                                 String fullCron, Map<Role, List<String>> operatorGroups) {

    /** What an operator should know before relying on these settings; saved anyway. */
    public List<String> warnings() {
        boolean clearText = urls.stream().anyMatch(url -> !url.ldaps()) && !startTls;
        return clearText ? List.of("ldap:// without StartTLS sends the bind password and all user data in clear text;"
                + " use ldaps:// or StartTLS") : List.of();
    }
}
