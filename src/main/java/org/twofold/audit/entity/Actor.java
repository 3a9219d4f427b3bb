package org.twofold.audit.entity;

/** Who did something, and from where: an operator, a device, a user, a relying party or the appliance itself. */
public record Actor(String name, String sourceAddress) {

    public static final Actor SYSTEM = new Actor("system", null);

    public static Actor operator(String operatorName, String sourceAddress) {
        return new Actor("operator:" + operatorName, sourceAddress);
    }

    public static Actor device(String deviceId, String user, String sourceAddress) {
        return new Actor("device:" + deviceId + " (" + user + ")", sourceAddress);
    }

    public static Actor newDevice(String sourceAddress) {
        return new Actor("new-device", sourceAddress);
    }

    /** The user themself, on the self-service panel. */
    public static Actor user(String user, String sourceAddress) {
        return new Actor("user:" + user, sourceAddress);
    }

    public static Actor relyingParty(String name, String sourceAddress) {
        return new Actor("relying-party:" + name, sourceAddress);
    }
}
