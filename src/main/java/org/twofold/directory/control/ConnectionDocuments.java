package org.twofold.directory.control;

import java.io.StringReader;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.twofold.directory.entity.AttributeMapping;
import org.twofold.directory.entity.DirectoryConnection;
import org.twofold.directory.entity.DirectoryFlavor;
import org.twofold.identity.entity.GroupDn;
import org.twofold.operator.entity.Role;
import org.twofold.platform.control.JsonMembers;
import org.twofold.platform.control.Refusal;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;

/**
 * Directory connections as JSON. Names, DNs, filters and attribute names are checked here, so a typo is
 * refused with the member it concerns instead of surfacing as a failed sync at three in the morning.
 */
public final class ConnectionDocuments {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,63}");
    private static final Pattern CRON = Pattern.compile("[0-9*/,-]+( [0-9*/,-]+){4}");
    private static final Set<String> MEMBERS = Set.of("name", "urls", "startTls", "bindDn", "bindPassword", "baseDn",
            "userFilter", "flavor", "trust", "attributes", "twoFactorGroups", "schedule", "operatorGroups");
    private static final Set<String> ATTRIBUTE_MEMBERS = Set.of("user", "email", "displayName", "postalAddress", "phone",
            "disabled");

    private ConnectionDocuments() {
    }

    public static ConnectionSettings read(JsonObject body, boolean passwordRequired) {
        JsonMembers members = JsonMembers.of(body);
        refuseUnknown(body, MEMBERS, "");
        String name = members.text("name", 64);
        if (!NAME.matcher(name).matches()) {
            throw Refusal.invalidRequest("Member 'name' has 1-64 letters, digits or . _ - and starts with a letter or digit");
        }
        DirectoryFlavor flavor = members.choice("flavor", DirectoryFlavor.class);
        List<String> urlTexts = members.texts("urls", 10, 500);
        if (urlTexts.isEmpty()) {
            throw Refusal.invalidRequest("Member 'urls' must list at least one ldap:// or ldaps:// URL");
        }
        List<LdapAddress> urls = urlTexts.stream().map(LdapAddress::parse).toList();
        boolean startTls = members.flag("startTls", false);
        if (startTls && urls.stream().anyMatch(LdapAddress::ldaps)) {
            throw Refusal.invalidRequest("StartTLS upgrades ldap:// connections; ldaps:// is encrypted already");
        }
        Optional<String> bindPassword = members.optionalText("bindPassword", 500);
        if (passwordRequired && bindPassword.isEmpty()) {
            throw Refusal.invalidRequest("Member 'bindPassword' is required");
        }
        String userFilter = members.optionalText("userFilter", 1000).orElse(flavor.defaultUserFilter());
        try {
            Filter.create(userFilter);
        } catch (LDAPException e) {
            throw Refusal.invalidRequest("Member 'userFilter' is not an LDAP filter: " + e.getMessage());
        }
        JsonObject schedule = object(body, "schedule");
        refuseUnknown(schedule, Set.of("enabled", "incrementalMinutes", "fullCron"), "schedule.");
        JsonObject trust = object(body, "trust");
        refuseUnknown(trust, Set.of("pinnedSha256", "caCertificates"), "trust.");
        Optional<String> pinned = pinned(trust);
        Optional<String> authorities = caCertificates(trust);
        if (pinned.isPresent() && authorities.isPresent()) {
            throw Refusal.invalidRequest("Member 'trust' takes either 'pinnedSha256' or 'caCertificates', not both");
        }
        return new ConnectionSettings(name, flavor, urls, startTls, pinned, authorities,
                dn(members.text("bindDn", 500), "bindDn"), bindPassword, dn(members.text("baseDn", 500), "baseDn"),
                userFilter, attributes(object(body, "attributes"), flavor),
                members.texts("twoFactorGroups", 1000, 500).stream().map(group -> dn(group, "twoFactorGroups")).toList(),
                JsonMembers.of(schedule).flag("enabled", true), minutes(schedule), cron(schedule),
                operatorGroups(object(body, "operatorGroups")));
    }

    /** {@code {"HELPDESK": ["cn=helpdesk,ou=groups,dc=corp,dc=test"]}}: members of these groups are operators. */
    private static Map<Role, List<String>> operatorGroups(JsonObject json) {
        Map<Role, List<String>> groups = new EnumMap<>(Role.class);
        for (String role : json.keySet()) {
            Role named = Arrays.stream(Role.values()).filter(r -> r.name().equals(role)).findFirst()
                    .orElseThrow(() -> Refusal.invalidRequest("Member 'operatorGroups." + role + "' is no operator role;"
                            + " the roles are " + Arrays.toString(Role.values())));
            List<String> dns = JsonMembers.of(json).texts(role, 100, 500).stream()
                    .map(group -> dn(group, "operatorGroups." + role)).toList();
            if (!dns.isEmpty()) {
                groups.put(named, dns);
            }
        }
        return groups;
    }

    public static JsonObject operatorGroupsJson(Map<Role, List<String>> groups) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        groups.forEach((role, dns) -> json.add(role.name(), Json.createArrayBuilder(dns)));
        return json.build();
    }

    /** The roles each mapped group gives, by normalised group DN. */
    public static Map<String, Set<Role>> operatorRolesByGroup(DirectoryConnection connection) {
        Map<String, Set<Role>> roles = new HashMap<>();
        parse(connection.operatorGroupsJson()).forEach((role, dns) -> dns.asJsonArray().getValuesAs(JsonString.class)
                .forEach(dn -> roles.computeIfAbsent(GroupDn.normalize(dn.getString()), d -> EnumSet.noneOf(Role.class))
                        .add(Role.valueOf(role))));
        return roles;
    }

    public static JsonObject write(DirectoryConnection connection) {
        JsonObjectBuilder trust = Json.createObjectBuilder();
        if (connection.pinnedSha256() != null) {
            trust.add("pinnedSha256", connection.pinnedSha256());
        }
        if (connection.trustedCaPem() != null) {
            trust.add("caCertificates", connection.trustedCaPem());
        }
        return Json.createObjectBuilder()
                .add("id", connection.id())
                .add("name", connection.name())
                .add("flavor", connection.flavor().name())
                .add("urls", Json.createArrayBuilder(connection.urls()))
                .add("startTls", connection.startTls())
                .add("bindDn", connection.bindDn())
                .add("baseDn", connection.baseDn())
                .add("userFilter", connection.userFilter())
                .add("trust", trust)
                .add("attributes", parse(connection.attributesJson()))
                .add("twoFactorGroups", Json.createReader(new StringReader(connection.twoFactorGroupsJson())).readArray())
                .add("schedule", Json.createObjectBuilder().add("enabled", connection.scheduleEnabled())
                        .add("incrementalMinutes", connection.incrementalMinutes())
                        .add("fullCron", connection.fullCron()))
                .add("operatorGroups", parse(connection.operatorGroupsJson()))
                .add("createdAt", connection.createdAt().toString())
                .add("updatedAt", connection.updatedAt().toString())
                .build();
    }

    public static JsonObject attributesJson(AttributeMapping mapping) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("user", mapping.user())
                .add("email", mapping.email())
                .add("displayName", mapping.displayName())
                .add("postalAddress", Json.createArrayBuilder(mapping.postalAddress()))
                .add("phone", mapping.phone());
        if (mapping.disabled() != null) {
            json.add("disabled", mapping.disabled());
        }
        return json.build();
    }

    public static AttributeMapping attributesOf(DirectoryConnection connection) {
        JsonObject json = parse(connection.attributesJson());
        return new AttributeMapping(json.getString("user"), json.getString("email"), json.getString("displayName"),
                json.getJsonArray("postalAddress").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString).toList(),
                json.getString("phone"), json.getString("disabled", null));
    }

    public static List<String> twoFactorGroupsOf(DirectoryConnection connection) {
        return Json.createReader(new StringReader(connection.twoFactorGroupsJson())).readArray()
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static AttributeMapping attributes(JsonObject json, DirectoryFlavor flavor) {
        refuseUnknown(json, ATTRIBUTE_MEMBERS, "attributes.");
        AttributeMapping defaults = flavor.defaultAttributes();
        JsonMembers members = JsonMembers.of(json);
        String disabled = members.optionalText("disabled", 64).map(a -> attribute(a, "disabled")).orElse(null);
        if (disabled != null && flavor == DirectoryFlavor.ACTIVE_DIRECTORY) {
            throw Refusal.invalidRequest("Member 'attributes.disabled' is for GENERIC_LDAP; Active Directory marks disabled"
                    + " accounts in userAccountControl");
        }
        List<String> postal = json.containsKey("postalAddress")
                ? members.texts("postalAddress", 8, 64).stream().map(a -> attribute(a, "postalAddress")).toList()
                : defaults.postalAddress();
        return new AttributeMapping(
                attribute(members.optionalText("user", 64).orElse(defaults.user()), "user"),
                attribute(members.optionalText("email", 64).orElse(defaults.email()), "email"),
                attribute(members.optionalText("displayName", 64).orElse(defaults.displayName()), "displayName"),
                postal,
                attribute(members.optionalText("phone", 64).orElse(defaults.phone()), "phone"),
                disabled);
    }

    /** PEM text has line breaks, which other text members refuse. */
    private static Optional<String> caCertificates(JsonObject trust) {
        JsonValue value = trust.get("caCertificates");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString pem) || pem.getString().length() > 20_000) {
            throw Refusal.invalidRequest("Member 'trust.caCertificates' must be PEM text of at most 20000 characters");
        }
        return Optional.of(TrustedAuthorities.check(pem.getString()));
    }

    private static Optional<String> pinned(JsonObject trust) {
        return JsonMembers.of(trust).optionalText("pinnedSha256", 100).map(text -> {
            String hex = text.replace(":", "").toLowerCase(Locale.ROOT);
            if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw Refusal.invalidRequest("Member 'trust.pinnedSha256' must be the 64 hex digits of the server"
                        + " certificate's SHA-256 fingerprint");
            }
            return HexFormat.of().formatHex(HexFormat.of().parseHex(hex));
        });
    }

    private static int minutes(JsonObject schedule) {
        JsonValue value = schedule.get("incrementalMinutes");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return 5;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral() || number.longValue() < 1
                || number.longValue() > 1440) {
            throw Refusal.invalidRequest("Member 'schedule.incrementalMinutes' must be a whole number from 1 to 1440");
        }
        return number.intValue();
    }

    private static String cron(JsonObject schedule) {
        String cron = JsonMembers.of(schedule).optionalText("fullCron", 100).orElse("0 3 * * *");
        String refusal = "Member 'schedule.fullCron' must be a cron expression of five fields (minute hour day month"
                + " weekday, in the appliance's time zone), e.g. \"0 3 * * *\" for 03:00 every night";
        if (!CRON.matcher(cron).matches()) {
            throw Refusal.invalidRequest(refusal);
        }
        try {
            SyncSchedule.cron(cron, ZoneId.systemDefault());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidRequest(refusal + ": " + e.getMessage());
        }
        return cron;
    }

    private static String dn(String text, String member) {
        if (!DN.isValidDN(text)) {
            throw Refusal.invalidRequest("Member '" + member + "' holds '" + text + "', which is not a distinguished name");
        }
        return text;
    }

    private static String attribute(String name, String member) {
        if (!ATTRIBUTE.matcher(name).matches()) {
            throw Refusal.invalidRequest("Member 'attributes." + member + "' must name an LDAP attribute");
        }
        return name;
    }

    private static JsonObject object(JsonObject body, String member) {
        JsonValue value = body.get(member);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (!(value instanceof JsonObject object)) {
            throw Refusal.invalidRequest("Member '" + member + "' must be an object");
        }
        return object;
    }

    private static void refuseUnknown(JsonObject json, Set<String> known, String prefix) {
        json.keySet().stream().filter(member -> !known.contains(member)).findFirst().ifPresent(member -> {
            throw Refusal.invalidRequest("Member '" + prefix + member + "' is not a directory connection setting");
        });
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    static JsonArray groupsJson(List<String> groups) {
        return Json.createArrayBuilder(groups).build();
    }
}
