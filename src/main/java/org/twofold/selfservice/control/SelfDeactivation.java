package org.twofold.selfservice.control;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.twofold.audit.entity.Actor;
import org.twofold.identity.control.Identities;
import org.twofold.identity.entity.Identity;
import org.twofold.identity.entity.IdentityStatus;
import org.twofold.mail.control.MailOutbox;

/**
 * A user who lost their phone switches their ID off with their directory password alone: from then on every
 * login fails, so whoever holds the phone cannot approve one. The user gets a mail, so a deactivation they did
 * not make does not go unnoticed; a restore or the helpdesk switches the ID on again.
 */
@ApplicationScoped
public class SelfDeactivation {

    static final String SUBJECT = "Your Twofold ID was deactivated";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    @Inject
    Identities identities;

    @Inject
    MailOutbox outbox;

    @Inject
    Clock clock;

    /** Deactivating an ID that is off already changes nothing and sends nothing. */
    @Transactional
    public void deactivate(Identity identity, Actor user) {
        if (identities.require(identity.user()).status() != IdentityStatus.ACTIVE) {
            return;
        }
        identities.changeStatus(identity.user(), IdentityStatus.DEACTIVATED, user);
        if (identity.email() != null) {
            outbox.enqueue(identity.email(), SUBJECT, body(identity, user));
        }
    }

    private String body(Identity identity, Actor user) {
        return "Hello " + (identity.displayName() == null ? identity.user() : identity.displayName()) + ",\n\n"
                + "your Twofold ID " + identity.user() + " was deactivated on the self-service panel at "
                + WHEN.format(clock.instant().atOffset(ZoneOffset.UTC)) + " from the address " + user.sourceAddress()
                + ", with your directory password.\n\n"
                + "From now on every login with Twofold fails, so a lost phone cannot approve one.\n"
                + "To use Twofold again, restore your ID on your new phone or ask the helpdesk.\n\n"
                + "If this wasn't you, call the helpdesk now and change your directory password: someone knows it.\n";
    }
}
