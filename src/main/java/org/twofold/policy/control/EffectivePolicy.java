package org.twofold.policy.control;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.twofold.delivery.entity.Channel;
import org.twofold.policy.entity.ActivationCodeDelivery;
import org.twofold.policy.entity.OtpChannel;
import org.twofold.policy.entity.PolicySetting;

/**
 * The settings that hold for one identity, and for each the policy (and the group or user assignment)
 * that decided it — the explanation a security officer reads when a user asks "why may I not restore?".
 */
public record EffectivePolicy(Map<PolicySetting, Object> values, Map<PolicySetting, Decision> explain) {

    public EffectivePolicy {
        values = Collections.unmodifiableMap(new EnumMap<>(values));
        explain = Collections.unmodifiableMap(new EnumMap<>(explain));
    }

    /** Which policy decided a setting, and why it applies: {@code default}, {@code user jdoe} or {@code group cn=…}. */
    public record Decision(String policy, int priority, String via) {
    }

    public boolean restoreAllowed() {
        return flag(PolicySetting.RESTORE_ALLOWED);
    }

    public boolean duplicationAllowed() {
        return flag(PolicySetting.DUPLICATION_ALLOWED);
    }

    public boolean autoWipeOldDevices() {
        return flag(PolicySetting.AUTO_WIPE_OLD_DEVICES);
    }

    public boolean keepOldDevicesAllowed() {
        return flag(PolicySetting.KEEP_OLD_DEVICES_ALLOWED);
    }

    public Channel restoreCodeDelivery() {
        return (Channel) values.get(PolicySetting.RESTORE_CODE_DELIVERY);
    }

    public OtpChannel otpChannel() {
        return (OtpChannel) values.get(PolicySetting.OTP_CHANNEL);
    }

    public boolean autoActivateForNewUsers() {
        return flag(PolicySetting.AUTO_ACTIVATE_FOR_NEW_USERS);
    }

    public ActivationCodeDelivery activationCodeDelivery() {
        return (ActivationCodeDelivery) values.get(PolicySetting.ACTIVATION_CODE_DELIVERY);
    }

    @SuppressWarnings("unchecked")
    public Set<Channel> lostCodeReissueChannels() {
        return (Set<Channel>) values.get(PolicySetting.LOST_CODE_REISSUE_CHANNELS);
    }

    public boolean reissueNeedsSecondOperator() {
        return flag(PolicySetting.REISSUE_NEEDS_SECOND_OPERATOR);
    }

    public int maxDevicesPerIdentity() {
        return count(PolicySetting.MAX_DEVICES_PER_IDENTITY);
    }

    public int failuresBeforeLock() {
        return count(PolicySetting.FAILURES_BEFORE_LOCK);
    }

    public int failuresBeforeOperatorLock() {
        return count(PolicySetting.FAILURES_BEFORE_OPERATOR_LOCK);
    }

    private boolean flag(PolicySetting setting) {
        return (Boolean) values.get(setting);
    }

    private int count(PolicySetting setting) {
        return (Integer) values.get(setting);
    }
}
