package org.twofold.notification.control;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.twofold.identity.control.Identities;
import org.twofold.identity.entity.Identity;
import org.twofold.mail.control.MailOutbox;
import org.twofold.notification.entity.Notification;
import org.twofold.notification.entity.NotificationType;
import org.twofold.platform.control.Refusal;

/** Tells every device of an identity about a change to one of its devices. */
@ApplicationScoped
public class Notifications {

    static final Duration KEPT_IN_INBOX = Duration.ofDays(30);
    static final int INBOX_LIMIT = 50;

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<DeviceEvent> events;

    @Inject
    Identities identities;

    @Inject
    MailOutbox outbox;

    @Inject
    Clock clock;

    /** Tells every device of the identity (inbox and live events) and mails the user. */
    public Notification announce(String identityId, NotificationType type, String deviceId, String deviceName) {
        Notification notification = new Notification(identityId, type, deviceId, deviceName, clock.instant());
        em.persist(notification);
        events.fire(new DeviceEvent(identityId, NotificationView.of(notification)));
        Identity identity = identities.byId(identityId);
        if (identity.email() != null) {
            outbox.enqueue(identity.email(), NotificationMails.subject(notification),
                    NotificationMails.body(notification, identity.user()));
        }
        return notification;
    }

    /** A notification of this identity; others are as unknown as missing ones. */
    public Notification requireOwn(String identityId, String notificationId) {
        Notification notification = em.find(Notification.class, notificationId);
        if (notification == null || !notification.identityId().equals(identityId)) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "unknown-notification", "No such notification for this identity");
        }
        return notification;
    }

    /** Marks the block once; false when the notification was used before. */
    public boolean markBlocked(String notificationId) {
        return em.createQuery("UPDATE Notification n SET n.blockedAt = :now WHERE n.id = :id AND n.blockedAt IS NULL")
                .setParameter("now", clock.instant())
                .setParameter("id", notificationId)
                .executeUpdate() == 1;
    }

    public List<NotificationView> recent(String identityId) {
        return em.createQuery("SELECT n FROM Notification n WHERE n.identityId = :identity AND n.createdAt > :since"
                        + " ORDER BY n.createdAt DESC", Notification.class)
                .setParameter("identity", identityId)
                .setParameter("since", clock.instant().minus(KEPT_IN_INBOX))
                .setMaxResults(INBOX_LIMIT)
                .getResultStream().map(NotificationView::of).toList();
    }
}
