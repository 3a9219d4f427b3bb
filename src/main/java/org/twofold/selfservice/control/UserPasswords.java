package org.twofold.selfservice.control;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.twofold.directory.control.DirectoryConnections;
import org.twofold.directory.control.DirectoryPasswords;
import org.twofold.directory.control.PasswordCheck;
import org.twofold.identity.control.Identities;
import org.twofold.identity.entity.Identity;
import org.twofold.operator.control.SignInThrottle;

/**
 * A user's password on the self-service panel: the password of the directory account the identity comes
 * from, checked by binding as that account. Every check first passes the {@link SignInThrottle} for the user
 * name and the source address. An unknown name, an identity without a directory account and a wrong password
 * all answer {@link Outcome#REJECTED} after the same least time, so the panel tells nobody which names exist.
 */
@ApplicationScoped
public class UserPasswords {

    @Inject
    Identities identities;

    @Inject
    DirectoryConnections connections;

    @Inject
    DirectoryPasswords directoryPasswords;

    @Inject
    SignInThrottle throttle;

    public enum Outcome { ACCEPTED, REJECTED, THROTTLED, UNAVAILABLE }

    public record Checked(Outcome outcome, Identity identity) {
    }

    /**
     * Every check that was let through takes at least this long, whether or not the name belongs to a directory
     * account: a name that exists costs a search and a bind, one that does not costs nothing, and the
     * difference would tell which names exist.
     */
    static final Duration LEAST_TIME = Duration.ofMillis(800);

    public Checked check(String typedUser, String password, String sourceAddress) {
        long started = System.nanoTime();
        try {
            return checkNow(typedUser, password, sourceAddress);
        } finally {
            padTo(started);
        }
    }

    private Checked checkNow(String typedUser, String password, String sourceAddress) {
        String user = typedUser == null ? "" : typedUser.strip();
        SignInThrottle.Subjects subjects = SignInThrottle.Subjects.ofUser(user, sourceAddress);
        if (!throttle.admit(subjects)) {
            return new Checked(Outcome.THROTTLED, null);
        }
        Optional<Identity> identity = identities.find(user).filter(found -> found.directoryConnectionId() != null);
        PasswordCheck check = identity.map(found -> directoryPasswords.check(
                        connections.require(found.directoryConnectionId()), found.user(), password))
                .orElse(PasswordCheck.REJECTED);
        switch (check) {
            case ACCEPTED -> {
                throttle.succeeded(subjects);
                return new Checked(Outcome.ACCEPTED, identity.get());
            }
            case UNAVAILABLE -> {
                // not the user's fault: nothing is counted against them
                throttle.released(subjects);
                return new Checked(Outcome.UNAVAILABLE, null);
            }
            default -> {
                throttle.failed(subjects);
                return new Checked(Outcome.REJECTED, null);
            }
        }
    }

    private static void padTo(long started) {
        long left = LEAST_TIME.toNanos() - (System.nanoTime() - started);
        if (left > 0) {
            try {
                Thread.sleep(Duration.ofNanos(left).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
