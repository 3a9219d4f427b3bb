package org.twofold.policy.control;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.twofold.delivery.entity.Channel;
import org.twofold.identity.entity.Identity;
import org.twofold.platform.control.JsonMembers;
import org.twofold.platform.control.Refusal;
import org.twofold.policy.entity.ActivationCodeDelivery;
import org.twofold.policy.entity.OtpChannel;
import org.twofold.policy.entity.PolicySetting;
import org.twofold.policy.entity.RestorePolicy;

/**
 * Restore policies as JSON (PROTOCOL.md, "A policy"). Reading is stricter than elsewhere: a member that is
 * not a policy setting is refused, because a misspelt {@code restoreAlowed} silently ignored would leave
 * restore allowed for people a security officer meant to stop.
 */
public final class PolicyDocuments {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Set<String> ASSIGNMENT = Set.of("name", "priority", "groups", "users", "version");
    static final int MAX_PRIORITY = 1_000_000;
    private static final int MAX_ASSIGNED = 1000;

    private PolicyDocuments() {
    }

    public static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw Refusal.invalidRequest("A policy name has 1-64 lower-case letters, digits or . _ - and starts with a letter or digit");
        }
        return name;
    }

    /** The policy in a PUT body for the policy called {@code name}. */
    public static RestorePolicy read(String name, JsonObject body) {
        requireValidName(name);
        JsonMembers members = JsonMembers.of(body);
        for (String member : body.keySet()) {
            if (!ASSIGNMENT.contains(member) && settingNamed(member) == null) {
                throw Refusal.invalidRequest("Member '" + member + "' is not a policy setting");
            }
        }
        members.optionalText("name", 64).filter(named -> !named.equals(name)).ifPresent(other -> {
            throw Refusal.invalidRequest("Member 'name' differs from the policy name in the path");
        });
        boolean isDefault = RestorePolicy.DEFAULT.equals(name);
        int priority = priority(body, isDefault);
        List<String> groups = members.texts("groups", MAX_ASSIGNED, 500);
        List<String> users = members.texts("users", MAX_ASSIGNED, 128).stream().map(Identity::canonicalUser).distinct().toList();
        if (isDefault && (!groups.isEmpty() || !users.isEmpty())) {
            throw Refusal.invalidRequest("The default policy applies to everyone; it takes no groups or users");
        }
        Map<PolicySetting, Object> settings = new EnumMap<>(PolicySetting.class);
        for (PolicySetting setting : PolicySetting.values()) {
            JsonValue value = body.get(setting.jsonName());
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                if (isDefault) {
                    throw Refusal.invalidRequest("The default policy must set '" + setting.jsonName() + "'");
                }
                continue;
            }
            if (setting.globalOnly() && !isDefault) {
                throw Refusal.invalidRequest("'" + setting.jsonName() + "' can only be set in the default policy:"
                        + " a limit per group would tell a guesser which user names exist");
            }
            settings.put(setting, readValue(setting, value));
        }
        if (isDefault && (Integer) settings.get(PolicySetting.FAILURES_BEFORE_OPERATOR_LOCK)
                <= (Integer) settings.get(PolicySetting.FAILURES_BEFORE_LOCK)) {
            throw Refusal.invalidRequest("'failuresBeforeOperatorLock' must be greater than 'failuresBeforeLock'");
        }
        return new RestorePolicy(name, priority, groups, users, settings);
    }

    public static JsonObjectBuilder write(RestorePolicy policy) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("name", policy.name())
                .add("priority", policy.priority())
                .add("groups", Json.createArrayBuilder(policy.groups()))
                .add("users", Json.createArrayBuilder(policy.users()));
        policy.settings().forEach((setting, value) -> json.add(setting.jsonName(), writeValue(value)));
        return json;
    }

    public static JsonValue writeValue(Object value) {
        if (value instanceof Boolean flag) {
            return flag ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Integer count) {
            return Json.createValue(count);
        }
        if (value instanceof Set<?> channels) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            channels.forEach(channel -> array.add(((Enum<?>) channel).name()));
            return array.build();
        }
        return Json.createValue(((Enum<?>) value).name());
    }

    /**
     * What a security officer should know before relying on this policy; saved anyway, since a
     * deliberate choice is theirs to make.
     */
    public static List<String> warnings(RestorePolicy policy) {
        List<String> warnings = new ArrayList<>();
        if (policy.setting(PolicySetting.RESTORE_CODE_DELIVERY).filter(Channel.EMAIL::equals).isPresent()) {
            warnings.add("restoreCodeDelivery EMAIL sends the restore code to the same mailbox as the restore's one-time"
                    + " code: whoever reads that mailbox can restore the identity alone, so the two factors become one");
        }
        if (policy.setting(PolicySetting.LOST_CODE_REISSUE_CHANNELS).filter(c -> ((Set<?>) c).contains(Channel.EMAIL)).isPresent()) {
            warnings.add("lostCodeReissueChannels includes EMAIL: a re-issued code goes to the same mailbox as the"
                    + " one-time code, so whoever reads that mailbox can restore the identity alone");
        }
        if (!policy.isDefault() && policy.groups().isEmpty() && policy.users().isEmpty()) {
            warnings.add("The policy is assigned to no group and no user, so it applies to nobody yet");
        }
        return warnings;
    }

    private static int priority(JsonObject body, boolean isDefault) {
        JsonValue value = body.get("priority");
        if (isDefault) {
            if (value != null && !(value instanceof JsonNumber number && number.isIntegral() && number.intValue() == 0)) {
                throw Refusal.invalidRequest("The default policy always has priority 0, below every other policy");
            }
            return 0;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()
                || number.bigIntegerValue().compareTo(BigInteger.ONE) < 0
                || number.bigIntegerValue().compareTo(BigInteger.valueOf(MAX_PRIORITY)) > 0) {
            throw Refusal.invalidRequest("Member 'priority' must be a whole number from 1 to " + MAX_PRIORITY
                    + " (higher wins; 0 is the default policy's)");
        }
        return number.intValue();
    }

    private static Object readValue(PolicySetting setting, JsonValue value) {
        String name = setting.jsonName();
        return switch (setting.kind()) {
            case FLAG -> switch (value.getValueType()) {
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                default -> throw Refusal.invalidRequest("Member '" + name + "' must be true or false");
            };
            case CHANNEL -> enumValue(Channel.class, name, value);
            case OTP_CHANNEL -> enumValue(OtpChannel.class, name, value);
            case ACTIVATION_DELIVERY -> enumValue(ActivationCodeDelivery.class, name, value);
            case CHANNELS -> channels(name, value);
            case COUNT -> count(name, value);
        };
    }

    private static Set<Channel> channels(String name, JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            throw Refusal.invalidRequest("Member '" + name + "' must be a list of channels");
        }
        Set<Channel> channels = new LinkedHashSet<>();
        for (JsonValue item : array) {
            Channel channel = enumValue(Channel.class, name, item);
            if (!channel.reissuable()) {
                throw Refusal.invalidRequest("Member '" + name + "' may list EMAIL, POSTAL_LETTER, IN_PERSON and PHONE:"
                        + " a lost code cannot be re-issued to the display of a device");
            }
            channels.add(channel);
        }
        return Collections.unmodifiableSet(channels.isEmpty() ? EnumSet.noneOf(Channel.class) : EnumSet.copyOf(channels));
    }

    private static int count(String name, JsonValue value) {
        if (!(value instanceof JsonNumber number) || !number.isIntegral()
                || number.bigIntegerValue().compareTo(BigInteger.ONE) < 0
                || number.bigIntegerValue().compareTo(BigInteger.valueOf(100)) > 0) {
            throw Refusal.invalidRequest("Member '" + name + "' must be a whole number from 1 to 100");
        }
        return number.intValue();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name, JsonValue value) {
        if (value instanceof JsonString text) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(text.getString())) {
                    return constant;
                }
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.name());
        }
        throw Refusal.invalidRequest("Member '" + name + "' must be one of " + String.join(", ", allowed));
    }

    static PolicySetting settingNamed(String jsonName) {
        for (PolicySetting setting : PolicySetting.values()) {
            if (setting.jsonName().equals(jsonName)) {
                return setting;
            }
        }
        return null;
    }
}
