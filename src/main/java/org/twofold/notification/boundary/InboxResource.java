package org.twofold.notification.boundary;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.twofold.device.boundary.CurrentDevice;
import org.twofold.device.boundary.DeviceAuthenticated;
import org.twofold.identity.entity.Identity;
import org.twofold.notification.control.InboxItem;
import org.twofold.notification.control.InboxSource;
import org.twofold.notification.control.NotificationView;
import org.twofold.notification.control.Notifications;

/** {@code GET /device/inbox}: what waits for this device's decision, and what happened to the ID's devices. */
@ApplicationScoped
@Path("device/inbox")
@Produces(MediaType.APPLICATION_JSON)
public class InboxResource {

    @Inject
    CurrentDevice current;

    @Inject
    Instance<InboxSource> sources;

    @Inject
    Notifications notifications;

    @GET
    @DeviceAuthenticated
    public Inbox inbox() {
        String identityId = current.identityId();
        List<InboxItem> pending = sources.stream().flatMap(source -> source.pendingFor(identityId).stream()).toList();
        String self = current.device().id();
        List<NotificationView> news = notifications.recent(identityId).stream()
                .filter(notification -> !self.equals(notification.deviceId())).toList();
        Identity identity = current.identity();
        return new Inbox(pending, news, new RestoreState(identity.restoreActive(), identity.restorePrompt()));
    }

    public record Inbox(List<InboxItem> pending, List<NotificationView> notifications, RestoreState restore) {
    }

    public record RestoreState(boolean active, boolean prompt) {
    }
}
