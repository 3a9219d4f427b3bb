package org.twofold.restore.control;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the restore flows may do for an identity. These are the settings of the global {@code default}
 * policy from PROTOCOL.md; restore policies per group and user resolve them per identity once they exist.
 */
@ApplicationScoped
public class RestoreRules {

    public boolean restoreAllowed(String identityId) {
        return true;
    }

    public boolean duplicationAllowed(String identityId) {
        return true;
    }

    /** Whether a restore that asked to keep the old devices may keep them. */
    public boolean keepOldDevicesAllowed(String identityId) {
        return true;
    }

    /** Where a new restore code goes; only DEVICE_DISPLAY shows it on the device. */
    public String restoreCodeDelivery(String identityId) {
        return "DEVICE_DISPLAY";
    }
}
