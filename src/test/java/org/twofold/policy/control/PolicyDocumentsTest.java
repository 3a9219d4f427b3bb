package org.twofold.policy.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.twofold.delivery.entity.Channel;
import org.twofold.platform.control.Refusal;
import org.twofold.policy.entity.PolicySetting;
import org.twofold.policy.entity.RestorePolicy;

class PolicyDocumentsTest {

    static final String DEFAULT = "{\"name\":\"default\",\"priority\":0,\"groups\":[],\"users\":[],\"restoreAllowed\":true,"
            + "\"duplicationAllowed\":true,\"autoWipeOldDevices\":true,\"keepOldDevicesAllowed\":true,"
            + "\"restoreCodeDelivery\":\"DEVICE_DISPLAY\",\"otpChannel\":\"EMAIL\",\"autoActivateForNewUsers\":false,"
            + "\"activationCodeDelivery\":\"NONE\","
            + "\"lostCodeReissueChannels\":[\"IN_PERSON\",\"PHONE\"],\"reissueNeedsSecondOperator\":false,"
            + "\"maxDevicesPerIdentity\":5,\"failuresBeforeLock\":5,\"failuresBeforeOperatorLock\":20}";

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static String refusalOf(String name, String body) {
        Refusal refusal = assertThrows(Refusal.class, () -> PolicyDocuments.read(name, json(body)));
        assertEquals("invalid-request", refusal.code());
        return refusal.getMessage();
    }

    @Test
    void theInstalledDefaultReadsAndWritesBackUnchanged() {
        RestorePolicy policy = PolicyDocuments.read("default", json(DEFAULT));

        assertEquals(PolicySetting.values().length, policy.settings().size());
        assertEquals(json(DEFAULT), PolicyDocuments.write(policy).build());
    }

    @Test
    void aGroupPolicySetsOnlyWhatItNamesAndCanonicalisesUsers() {
        RestorePolicy policy = PolicyDocuments.read("sales", json("{\"priority\":10,\"groups\":[\"CN=Sales,DC=corp\"],"
                + "\"users\":[\" JDoe \"],\"restoreAllowed\":false,\"lostCodeReissueChannels\":[\"PHONE\",\"EMAIL\"]}"));

        assertEquals(10, policy.priority());
        assertEquals(List.of("jdoe"), policy.users());
        assertEquals(Set.of(PolicySetting.RESTORE_ALLOWED, PolicySetting.LOST_CODE_REISSUE_CHANNELS), policy.settings().keySet());
        assertEquals("[\"EMAIL\",\"PHONE\"]", PolicyDocuments.write(policy).build().get("lostCodeReissueChannels").toString(),
                "channels are written in a stable order");
    }

    @Test
    void aMisspeltSettingIsRefusedNotIgnored() {
        String message = refusalOf("sales", "{\"priority\":10,\"restoreAlowed\":false}");
        assertTrue(message.contains("restoreAlowed"), message);
    }

    @Test
    void theDefaultMustSetEverySettingAndApplyToEveryone() {
        assertTrue(refusalOf("default", DEFAULT.replace("\"maxDevicesPerIdentity\":5,", "")).contains("maxDevicesPerIdentity"));
        assertTrue(refusalOf("default", DEFAULT.replace("\"groups\":[]", "\"groups\":[\"cn=x\"]")).contains("applies to everyone"));
        assertTrue(refusalOf("default", DEFAULT.replace("\"priority\":0", "\"priority\":7")).contains("priority 0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"priority\":0}", "{\"priority\":-3}", "{\"priority\":1.5}", "{\"priority\":\"5\"}",
            "{\"priority\":1000001}", "{\"priority\":99999999999999999999}"})
    void otherPoliciesNeedAPriorityAboveTheDefault(String body) {
        assertTrue(refusalOf("sales", body).contains("priority"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"restoreAllowed\":\"false\"", "\"restoreAllowed\":0", "\"restoreCodeDelivery\":\"FAX\"",
            "\"restoreCodeDelivery\":[\"EMAIL\"]", "\"otpChannel\":\"SMS\"", "\"lostCodeReissueChannels\":\"PHONE\"",
            "\"lostCodeReissueChannels\":[\"DEVICE_DISPLAY\"]", "\"lostCodeReissueChannels\":[\"PIGEON\"]",
            "\"maxDevicesPerIdentity\":0", "\"maxDevicesPerIdentity\":101", "\"maxDevicesPerIdentity\":2.5",
            "\"groups\":\"cn=sales\"", "\"users\":[\"not a user name\"]"})
    void malformedSettingsAreRefusedNamingTheMember(String member) {
        String name = member.substring(1, member.indexOf('"', 1));
        String message = assertThrows(Refusal.class, () -> PolicyDocuments.read("sales",
                json("{\"priority\":10," + member + "}"))).getMessage();
        assertTrue(message.contains(name) || message.contains("user name"), message);
    }

    @Test
    void failureLimitsBelongToTheDefaultOnly() {
        assertTrue(refusalOf("sales", "{\"priority\":10,\"failuresBeforeLock\":50}").contains("default policy"));
        assertTrue(refusalOf("default", DEFAULT.replace("\"failuresBeforeOperatorLock\":20", "\"failuresBeforeOperatorLock\":5"))
                .contains("greater"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Sales", "sales policy", "-sales", "a/b"})
    void policyNamesAreSimple(String name) {
        assertThrows(Refusal.class, () -> PolicyDocuments.read(name, json("{\"priority\":10}")));
    }

    @Test
    void aNameInTheBodyMustMatchThePath() {
        assertTrue(refusalOf("sales", "{\"name\":\"other\",\"priority\":10}").contains("name"));
    }

    @Test
    void emailDeliveryAndUnassignedPoliciesAreWarnedAbout() {
        List<String> warnings = PolicyDocuments.warnings(PolicyDocuments.read("sales",
                json("{\"priority\":10,\"restoreCodeDelivery\":\"EMAIL\",\"lostCodeReissueChannels\":[\"EMAIL\"]}")));

        assertEquals(3, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("same mailbox"), warnings::toString);
        assertTrue(PolicyDocuments.warnings(PolicyDocuments.read("sales", json("{\"priority\":10,\"users\":[\"jdoe\"],"
                + "\"restoreCodeDelivery\":\"" + Channel.POSTAL_LETTER + "\"}"))).isEmpty());
    }
}
