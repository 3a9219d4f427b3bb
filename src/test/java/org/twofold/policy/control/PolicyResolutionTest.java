package org.twofold.policy.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.twofold.delivery.entity.Channel;
import org.twofold.identity.entity.GroupDn;
import org.twofold.policy.entity.OtpChannel;
import org.twofold.policy.entity.ActivationCodeDelivery;
import org.twofold.policy.entity.PolicySetting;
import org.twofold.policy.entity.RestorePolicy;

class PolicyResolutionTest {

    private static final String SALES = "CN=Sales,OU=Groups,DC=corp,DC=test";
    private static final String ADMINS = "CN=Domain Admins,CN=Users,DC=corp,DC=test";

    static RestorePolicy defaults() {
        Map<PolicySetting, Object> settings = new EnumMap<>(PolicySetting.class);
        settings.put(PolicySetting.RESTORE_ALLOWED, true);
        settings.put(PolicySetting.DUPLICATION_ALLOWED, true);
        settings.put(PolicySetting.AUTO_WIPE_OLD_DEVICES, true);
        settings.put(PolicySetting.KEEP_OLD_DEVICES_ALLOWED, true);
        settings.put(PolicySetting.RESTORE_CODE_DELIVERY, Channel.DEVICE_DISPLAY);
        settings.put(PolicySetting.OTP_CHANNEL, OtpChannel.EMAIL);
        settings.put(PolicySetting.AUTO_ACTIVATE_FOR_NEW_USERS, false);
        settings.put(PolicySetting.ACTIVATION_CODE_DELIVERY, ActivationCodeDelivery.NONE);
        settings.put(PolicySetting.LOST_CODE_REISSUE_CHANNELS, EnumSet.of(Channel.IN_PERSON, Channel.PHONE));
        settings.put(PolicySetting.REISSUE_NEEDS_SECOND_OPERATOR, false);
        settings.put(PolicySetting.MAX_DEVICES_PER_IDENTITY, 5);
        settings.put(PolicySetting.FAILURES_BEFORE_LOCK, 5);
        settings.put(PolicySetting.FAILURES_BEFORE_OPERATOR_LOCK, 20);
        return new RestorePolicy(RestorePolicy.DEFAULT, 0, List.of(), List.of(), settings);
    }

    static RestorePolicy policy(String name, int priority, List<String> groups, List<String> users, Object... settings) {
        Map<PolicySetting, Object> map = new EnumMap<>(PolicySetting.class);
        for (int i = 0; i < settings.length; i += 2) {
            map.put((PolicySetting) settings[i], settings[i + 1]);
        }
        return new RestorePolicy(name, priority, groups, users, map);
    }

    private static Set<String> groups(String... dns) {
        Set<String> normalized = new HashSet<>();
        for (String dn : dns) {
            normalized.add(GroupDn.normalize(dn));
        }
        return normalized;
    }

    @Test
    void withOnlyTheDefaultEverySettingComesFromIt() {
        EffectivePolicy effective = PolicyResolution.resolve(List.of(defaults()), "jdoe", Set.of());

        assertTrue(effective.restoreAllowed());
        assertEquals(Channel.DEVICE_DISPLAY, effective.restoreCodeDelivery());
        assertEquals(EnumSet.of(Channel.IN_PERSON, Channel.PHONE), effective.lostCodeReissueChannels());
        assertEquals(5, effective.maxDevicesPerIdentity());
        for (PolicySetting setting : PolicySetting.values()) {
            assertEquals(new EffectivePolicy.Decision("default", 0, "default"), effective.explain().get(setting), setting.name());
        }
    }

    @Test
    void aGroupPolicyDecidesWhatItSetsAndInheritsTheRest() {
        RestorePolicy sales = policy("sales", 10, List.of(SALES), List.of(),
                PolicySetting.RESTORE_ALLOWED, false, PolicySetting.MAX_DEVICES_PER_IDENTITY, 2);

        EffectivePolicy effective = PolicyResolution.resolve(List.of(defaults(), sales), "jdoe", groups(SALES));

        assertFalse(effective.restoreAllowed());
        assertEquals(2, effective.maxDevicesPerIdentity());
        assertTrue(effective.duplicationAllowed(), "left out by sales: inherited from default");
        assertEquals(new EffectivePolicy.Decision("sales", 10, "group " + SALES), effective.explain().get(PolicySetting.RESTORE_ALLOWED));
        assertEquals("default", effective.explain().get(PolicySetting.DUPLICATION_ALLOWED).policy());
    }

    @Test
    void aPolicyOfAGroupTheUserIsNotInDoesNotApply() {
        RestorePolicy sales = policy("sales", 10, List.of(SALES), List.of(), PolicySetting.RESTORE_ALLOWED, false);

        EffectivePolicy effective = PolicyResolution.resolve(List.of(defaults(), sales), "jdoe", groups(ADMINS));

        assertTrue(effective.restoreAllowed());
    }

    @Test
    void aUserInTwoConflictingGroupsGetsTheHigherPriorityPolicy() {
        RestorePolicy lenient = policy("sales", 10, List.of(SALES), List.of(),
                PolicySetting.RESTORE_ALLOWED, true, PolicySetting.AUTO_WIPE_OLD_DEVICES, false,
                PolicySetting.RESTORE_CODE_DELIVERY, Channel.EMAIL);
        RestorePolicy strict = policy("admins", 50, List.of(ADMINS), List.of(),
                PolicySetting.RESTORE_ALLOWED, false, PolicySetting.REISSUE_NEEDS_SECOND_OPERATOR, true);

        EffectivePolicy effective = PolicyResolution.resolve(List.of(defaults(), lenient, strict), "jdoe", groups(SALES, ADMINS));

        assertFalse(effective.restoreAllowed(), "admins (50) beats sales (10)");
        assertTrue(effective.reissueNeedsSecondOperator());
        assertFalse(effective.autoWipeOldDevices(), "left out by admins: the next policy down, sales, decides");
        assertEquals(Channel.EMAIL, effective.restoreCodeDelivery());
        assertEquals("admins", effective.explain().get(PolicySetting.RESTORE_ALLOWED).policy());
        assertEquals("sales", effective.explain().get(PolicySetting.AUTO_WIPE_OLD_DEVICES).policy());
        assertEquals("default", effective.explain().get(PolicySetting.MAX_DEVICES_PER_IDENTITY).policy());
    }

    @Test
    void theResultDoesNotDependOnTheOrderPoliciesArriveIn() {
        List<RestorePolicy> policies = new ArrayList<>(List.of(defaults(),
                policy("sales", 10, List.of(SALES), List.of(), PolicySetting.MAX_DEVICES_PER_IDENTITY, 2),
                policy("admins", 50, List.of(ADMINS), List.of(), PolicySetting.MAX_DEVICES_PER_IDENTITY, 1),
                policy("jdoe-only", 30, List.of(), List.of("jdoe"), PolicySetting.MAX_DEVICES_PER_IDENTITY, 3,
                        PolicySetting.DUPLICATION_ALLOWED, false)));
        EffectivePolicy first = PolicyResolution.resolve(policies, "jdoe", groups(SALES, ADMINS));
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(policies);
            assertEquals(first, PolicyResolution.resolve(policies, "jdoe", groups(SALES, ADMINS)));
        }
        assertEquals(1, first.maxDevicesPerIdentity());
        assertFalse(first.duplicationAllowed());
        assertEquals(new EffectivePolicy.Decision("jdoe-only", 30, "user jdoe"), first.explain().get(PolicySetting.DUPLICATION_ALLOWED));
    }

    @Test
    void aUserAssignmentAppliesWithoutAnyGroup() {
        RestorePolicy single = policy("vip", 5, List.of(), List.of("jdoe"), PolicySetting.RESTORE_ALLOWED, false);

        assertFalse(PolicyResolution.resolve(List.of(defaults(), single), "jdoe", Set.of()).restoreAllowed());
        assertTrue(PolicyResolution.resolve(List.of(defaults(), single), "other", Set.of()).restoreAllowed());
    }

    @Test
    void groupNamesMatchRegardlessOfCaseAndSpacesAsTheDirectoryWritesThem() {
        RestorePolicy sales = policy("sales", 10, List.of("cn=sales, ou=groups, dc=corp, dc=test"), List.of(),
                PolicySetting.RESTORE_ALLOWED, false);

        assertFalse(PolicyResolution.resolve(List.of(defaults(), sales), "jdoe", groups(SALES)).restoreAllowed());
    }

    @Test
    void failureLimitsComeFromTheDefaultEvenWhenAGroupPolicyCarriesThem() {
        RestorePolicy sneaky = policy("sales", 10, List.of(SALES), List.of(), PolicySetting.FAILURES_BEFORE_LOCK, 50);

        EffectivePolicy effective = PolicyResolution.resolve(List.of(defaults(), sneaky), "jdoe", groups(SALES));

        assertEquals(5, effective.failuresBeforeLock());
    }

    @Test
    void withoutADefaultPolicyResolutionFailsLoudly() {
        RestorePolicy sales = policy("sales", 10, List.of(SALES), List.of(), PolicySetting.RESTORE_ALLOWED, false);

        assertThrows(IllegalStateException.class, () -> PolicyResolution.resolve(List.of(sales), "jdoe", groups(SALES)));
    }
}
