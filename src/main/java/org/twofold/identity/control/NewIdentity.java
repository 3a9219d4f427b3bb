package org.twofold.identity.control;

import org.twofold.identity.entity.Identity;

public record NewIdentity(Identity identity, IssuedActivationCode activationCode) {
}
