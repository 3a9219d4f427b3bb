package org.twofold.directory.control;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.twofold.directory.entity.AttributeMapping;
import org.twofold.directory.entity.DirectoryFlavor;
import org.twofold.identity.entity.GroupDn;
import org.twofold.identity.entity.Identity;
import org.twofold.platform.control.Refusal;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;

/**
 * Turns directory entries into {@link DirectoryUser}s, per flavor: Active Directory links by objectGUID and
 * marks disabled accounts in bit 0x2 of userAccountControl; generic LDAP links by entryUUID and may name an
 * attribute that marks disabled accounts. An entry that cannot be a user says why.
 */
final class DirectoryEntries {

    static final String AD_KEY = "objectGUID";
    static final String LDAP_KEY = "entryUUID";
    private static final int ACCOUNT_DISABLE = 0x2;

    private final DirectoryFlavor flavor;
    private final AttributeMapping mapping;

    DirectoryEntries(DirectoryFlavor flavor, AttributeMapping mapping) {
        this.flavor = flavor;
        this.mapping = mapping;
    }

    /** The attributes a user search must return. */
    String[] attributes() {
        Stream<String> fixed = flavor == DirectoryFlavor.ACTIVE_DIRECTORY
                ? Stream.of(AD_KEY, "userAccountControl", "memberOf")
                : Stream.of(LDAP_KEY, "memberOf");
        Stream<String> mapped = Stream.concat(Stream.of(mapping.user(), mapping.email(), mapping.displayName(),
                mapping.phone()), mapping.postalAddress().stream());
        Stream<String> disabled = mapping.disabled() == null ? Stream.empty() : Stream.of(mapping.disabled());
        return Stream.of(fixed, mapped, disabled).flatMap(s -> s).distinct().toArray(String[]::new);
    }

    /** The user, or the reason the entry cannot be one. */
    Result read(Entry entry) {
        Optional<String> key = keyOf(entry);
        if (key.isEmpty()) {
            return Result.error(entry.getDN(), "has no " + (flavor == DirectoryFlavor.ACTIVE_DIRECTORY ? AD_KEY : LDAP_KEY));
        }
        String typedUser = entry.getAttributeValue(mapping.user());
        if (typedUser == null) {
            return Result.error(entry.getDN(), "has no " + mapping.user() + " (the user name attribute)");
        }
        String user;
        try {
            user = Identity.canonicalUser(typedUser);
        } catch (Refusal notAUserName) {
            return Result.error(entry.getDN(), mapping.user() + " '" + typedUser + "' is not a usable user name");
        }
        List<String> address = new ArrayList<>();
        for (String attribute : mapping.postalAddress()) {
            String value = entry.getAttributeValue(attribute);
            if (value != null) {
                // LDAP's postalAddress syntax separates lines with '$'
                Stream.of(value.split("\\$")).map(String::strip).filter(line -> !line.isEmpty()).forEach(address::add);
            }
        }
        String[] memberOf = entry.getAttributeValues("memberOf");
        Set<String> groups = memberOf == null ? Set.of()
                : Stream.of(memberOf).map(GroupDn::normalize).collect(Collectors.toUnmodifiableSet());
        return Result.user(new DirectoryUser(key.get(), entry.getDN(), user, entry.getAttributeValue(mapping.email()),
                entry.getAttributeValue(mapping.displayName()), List.copyOf(address), entry.getAttributeValue(mapping.phone()),
                enabled(entry), groups));
    }

    /** The entry's stable key, as the identity keeps it. */
    Optional<String> keyOf(Entry entry) {
        if (flavor == DirectoryFlavor.ACTIVE_DIRECTORY) {
            byte[] guid = entry.getAttributeValueBytes(AD_KEY);
            return guid == null || guid.length != 16 ? Optional.empty() : Optional.of(guidText(guid));
        }
        return Optional.ofNullable(entry.getAttributeValue(LDAP_KEY)).map(String::toLowerCase);
    }

    /** Finds the entry with this key. */
    Filter keyFilter(String key) {
        return flavor == DirectoryFlavor.ACTIVE_DIRECTORY ? Filter.createEqualityFilter(AD_KEY, guidBytes(key))
                : Filter.createEqualityFilter(LDAP_KEY, key);
    }

    boolean enabled(Entry entry) {
        if (flavor == DirectoryFlavor.ACTIVE_DIRECTORY) {
            Integer control = entry.getAttributeValueAsInteger("userAccountControl");
            return control == null || (control & ACCOUNT_DISABLE) == 0;
        }
        if (mapping.disabled() == null) {
            return true;
        }
        String value = entry.getAttributeValue(mapping.disabled());
        return value == null || value.isBlank() || value.equalsIgnoreCase("false") || value.equals("0");
    }

    /** AD writes objectGUID with its first three fields little-endian; shown as the usual GUID text. */
    static String guidText(byte[] guid) {
        ByteBuffer little = ByteBuffer.wrap(guid).order(ByteOrder.LITTLE_ENDIAN);
        long high = ((long) little.getInt(0) & 0xFFFFFFFFL) << 32 | ((long) little.getShort(4) & 0xFFFF) << 16
                | ((long) little.getShort(6) & 0xFFFF);
        long low = ByteBuffer.wrap(guid, 8, 8).order(ByteOrder.BIG_ENDIAN).getLong();
        return new UUID(high, low).toString();
    }

    /** The inverse of {@link #guidText}: the 16 bytes as AD stores them. */
    static byte[] guidBytes(String text) {
        UUID uuid = UUID.fromString(text);
        long high = uuid.getMostSignificantBits();
        return ByteBuffer.allocate(16)
                .order(ByteOrder.LITTLE_ENDIAN).putInt((int) (high >>> 32)).putShort((short) (high >>> 16)).putShort((short) high)
                .order(ByteOrder.BIG_ENDIAN).putLong(uuid.getLeastSignificantBits())
                .array();
    }

    /** A user, or an entry that is not one (with the reason). */
    record Result(DirectoryUser user, String errorDn, String error) {
        static Result user(DirectoryUser user) {
            return new Result(user, null, null);
        }

        static Result error(String dn, String reason) {
            return new Result(null, dn, reason);
        }
    }
}
