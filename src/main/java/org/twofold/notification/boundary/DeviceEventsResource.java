package org.twofold.notification.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.twofold.device.boundary.CurrentDevice;
import org.twofold.device.boundary.DeviceAuthenticated;
import org.twofold.notification.control.InboxSource;

/**
 * {@code GET /device/events}: Server-Sent Events, each event's data one inbox item. On connect the
 * device first receives what is already pending, so a reconnect never misses a login.
 */
@ApplicationScoped
@Path("device/events")
public class DeviceEventsResource {

    @Inject
    CurrentDevice current;

    @Inject
    Instance<InboxSource> sources;

    @Inject
    DeviceEventHub hub;

    @GET
    @DeviceAuthenticated
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@Context SseEventSink sink, @Context Sse sse) {
        String identityId = current.identityId();
        String deviceId = current.device().id();
        hub.open(identityId, deviceId, sink, sse);
        sources.forEach(source -> source.pendingFor(identityId).forEach(item -> hub.send(identityId, deviceId, item)));
    }
}
