package org.twofold.notification.control;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.twofold.notification.entity.Notification;
import org.twofold.notification.entity.NotificationType;

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
    Clock clock;

    public Notification announce(String identityId, NotificationType type, String deviceId, String deviceName) {
        Notification notification = new Notification(identityId, type, deviceId, deviceName, clock.instant());
        em.persist(notification);
        events.fire(new DeviceEvent(identityId, NotificationView.of(notification)));
        return notification;
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
