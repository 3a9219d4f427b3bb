package org.twofold.policy.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;

class PolicyLineTest {

    @Test
    void eachSettingWithItsValueAndTheDecisionBehindIt() {
        List<PolicyLine> lines = PolicyLine.of(Json.createObjectBuilder()
                .add("user", "jdoe")
                .add("restoreAllowed", false)
                .add("restoreCodeDelivery", "EMAIL")
                .add("lostCodeReissueChannels", Json.createArrayBuilder().add("PHONE"))
                .add("explain", Json.createObjectBuilder()
                        .add("restoreAllowed", Json.createObjectBuilder().add("policy", "no-restore").add("priority", 9)
                                .add("via", "group cn=contractors"))
                        .add("restoreCodeDelivery", Json.createObjectBuilder().add("policy", "default").add("priority", 0)
                                .add("via", "default")))
                .build());

        assertEquals(List.of(
                new PolicyLine("restoreAllowed", "false", "no-restore", "group cn=contractors"),
                new PolicyLine("restoreCodeDelivery", "EMAIL", "default", "default"),
                new PolicyLine("lostCodeReissueChannels", "[\"PHONE\"]", "", "")), lines);
    }
}
