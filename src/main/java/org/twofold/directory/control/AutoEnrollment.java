package org.twofold.directory.control;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.delivery.control.CodeRecipient;
import org.twofold.delivery.control.HeldCodes;
import org.twofold.delivery.entity.Channel;
import org.twofold.delivery.entity.CodePurpose;
import org.twofold.identity.control.ActivationCodes;
import org.twofold.identity.control.Identities;
import org.twofold.identity.control.IssuedActivationCode;
import org.twofold.identity.entity.Identity;
import org.twofold.mail.control.MailOutbox;
import org.twofold.policy.control.EffectivePolicies;
import org.twofold.policy.control.EffectivePolicy;

/**
 * Users the sync gives an identity get their activation code as their effective policy says
 * ({@code activationCodeDelivery}): mailed to the directory's address with the enrollment link and its QR
 * code, queued as a letter to the directory's postal address, or not at all (the helpdesk hands it out).
 * It runs in the page's transaction: a page that fails sends nothing. Restore is switched on at the first
 * enrollment where the policy auto-activates it, as for every identity.
 */
@ApplicationScoped
public class AutoEnrollment {

    static final String SUBJECT = "Set up your Twofold ID";
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Inject
    EffectivePolicies policies;

    @Inject
    ActivationCodes activationCodes;

    @Inject
    MailOutbox outbox;

    @Inject
    HeldCodes held;

    @Inject
    AuditTrail audit;

    @Inject
    @ConfigProperty(name = "twofold.activation.letter-validity-days", defaultValue = "21")
    int letterValidityDays;

    /**
     * Delivers the activation codes of identities created on this page (with their groups).
     * {@code applianceUrl} is where devices reach the appliance, for the mailed link; empty for a scheduled
     * run without {@code twofold.public-url}. Answers the entries whose code could not be delivered, as
     * run errors (DN, reason); their identities exist and the helpdesk can hand out a code.
     */
    List<String[]> deliver(Map<Identity, DirectoryUser> created, Optional<String> applianceUrl, Actor actor) {
        List<String[]> undelivered = new ArrayList<>();
        if (created.isEmpty()) {
            return undelivered;
        }
        BiFunction<String, Set<String>, EffectivePolicy> resolve = policies.resolver();
        created.forEach((identity, user) -> {
            String problem = switch (resolve.apply(identity.user(), user.groups()).activationCodeDelivery()) {
                case NONE -> null;
                case EMAIL -> mail(identity, applianceUrl, actor);
                case POSTAL_LETTER -> letter(identity, actor);
            };
            if (problem != null) {
                audit.record(actor, "activation-code.undelivered", Identities.target(identity), Outcome.FAILED, problem);
                undelivered.add(new String[] {user.dn(), "identity created, but its activation code was not sent: " + problem});
            }
        });
        return undelivered;
    }

    private String mail(Identity identity, Optional<String> applianceUrl, Actor actor) {
        if (identity.email() == null) {
            return "the directory has no mail address for this user";
        }
        if (applianceUrl.isEmpty()) {
            return "set twofold.public-url, so that scheduled runs know the address to put in the mailed link";
        }
        IssuedActivationCode code = activationCodes.issue(identity.id(), actor.name());
        String link = code.link(applianceUrl.get());
        outbox.enqueue(identity.email(), SUBJECT, "Hello " + CodeRecipient.of(identity).name() + ",\n\n"
                + "your company protects your sign-ins with Twofold. To set up your Twofold ID (user name "
                + identity.user() + ") on your phone, install the Twofold app, choose \"Set up\" and scan the attached"
                + " QR code, or open this link on the phone:\n\n" + link + "\n\nor type the activation code:\n\n"
                + code.code() + "\n\nIt works once, until " + EXPIRY.format(code.expiresAt()) + ". If it has expired, ask"
                + " your helpdesk for a new one. If you did not expect this mail, tell your helpdesk.\n", link);
        audit.record(actor, "activation-code.mailed", Identities.target(identity), Outcome.SUCCESS,
                "to the directory's address, valid until " + code.expiresAt());
        return null;
    }

    private String letter(Identity identity, Actor actor) {
        if (identity.postalAddress().isEmpty()) {
            return "the directory has no postal address for this user";
        }
        IssuedActivationCode code = activationCodes.issue(identity.id(), actor.name(), Duration.ofDays(letterValidityDays));
        held.hold(Channel.POSTAL_LETTER, CodePurpose.ACTIVATION, CodeRecipient.of(identity), code.code(),
                String.join("\n", identity.postalAddress()), actor);
        return null;
    }
}
