package org.twofold.notification.boundary;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.twofold.notification.control.DeviceDisconnect;
import org.twofold.notification.control.DeviceEvent;
import org.twofold.notification.control.InboxItem;
import org.twofold.notification.control.RelayedEvent;

/**
 * The live event streams ({@code GET /device/events}) open on this node, by identity. Events are pushed
 * after their transaction committed, so a device never hears of a login that was rolled back.
 */
@Singleton
@Lock(LockType.READ)
public class DeviceEventHub {

    static final int MAX_STREAMS_PER_DEVICE = 3;
    private static final Logger LOG = Logger.getLogger(DeviceEventHub.class.getName());

    private final Map<String, Deque<Stream>> streamsByIdentity = new ConcurrentHashMap<>();

    @Resource
    ManagedExecutorService executor;

    record Stream(String deviceId, SseEventSink sink, Sse sse) {

        boolean send(String name, Object data) {
            OutboundSseEvent.Builder event = sse.newEventBuilder().name(name);
            if (data == null) {
                event.comment("keep-alive");
            } else {
                event.mediaType(MediaType.APPLICATION_JSON_TYPE).data(data.getClass(), data);
            }
            return send(event);
        }

        /** An item another node already turned into JSON. */
        boolean sendJson(String name, String json) {
            return send(sse.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, json));
        }

        private boolean send(OutboundSseEvent.Builder event) {
            if (sink.isClosed()) {
                return false;
            }
            try {
                sink.send(event.build()).exceptionally(failed -> {
                    close();
                    return null;
                });
                return true;
            } catch (IllegalStateException closedMeanwhile) {
                return false;
            }
        }

        void close() {
            try {
                sink.close();
            } catch (RuntimeException alreadyGone) {
                LOG.log(Level.FINE, "event stream already closed", alreadyGone);
            }
        }
    }

    public void open(String identityId, String deviceId, SseEventSink sink, Sse sse) {
        Stream opened = new Stream(deviceId, sink, sse);
        // A first comment commits the response, so the client knows at once that the stream is live.
        opened.send("keep-alive", null);
        Deque<Stream> streams = streamsByIdentity.compute(identityId, (id, existing) -> {
            Deque<Stream> deque = existing == null ? new ConcurrentLinkedDeque<>() : existing;
            deque.add(opened);
            return deque;
        });
        long ofDevice = streams.stream().filter(s -> s.deviceId().equals(deviceId)).count();
        if (ofDevice > MAX_STREAMS_PER_DEVICE) {
            streams.stream().filter(s -> s.deviceId().equals(deviceId)).findFirst().ifPresent(oldest -> {
                streams.remove(oldest);
                executor.execute(oldest::close);
            });
        }
    }

    public void send(String identityId, String deviceId, InboxItem item) {
        Deque<Stream> streams = streamsByIdentity.get(identityId);
        if (streams != null) {
            streams.stream().filter(s -> s.deviceId().equals(deviceId)).forEach(s -> s.send(item.type(), item));
        }
    }

    public void push(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeviceEvent event) {
        Deque<Stream> streams = streamsByIdentity.get(event.identityId());
        if (streams != null) {
            streams.removeIf(stream -> !stream.send(event.item().type(), event.item()));
        }
    }

    /**
     * Ends the streams of a removed device. Closing completes the stream's asynchronous request, which must
     * not happen on another request's HTTP thread (Payara then leaks Weld's request context), so the
     * closing runs on a managed worker thread.
     */
    public void disconnect(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeviceDisconnect removed) {
        closeStreamsOf(removed.deviceId());
    }

    /** What another node committed: its item as the JSON it sent, or a device to cut off. */
    public void relay(RelayedEvent relayed) {
        if (relayed.isDisconnect()) {
            closeStreamsOf(relayed.disconnectedDeviceId());
            return;
        }
        Deque<Stream> streams = streamsByIdentity.get(relayed.identityId());
        if (streams != null) {
            streams.removeIf(stream -> !stream.sendJson(relayed.type(), relayed.itemJson()));
        }
    }

    private void closeStreamsOf(String deviceId) {
        List<Stream> closing = new ArrayList<>();
        streamsByIdentity.values().forEach(streams -> streams.removeIf(stream -> {
            if (stream.deviceId().equals(deviceId)) {
                closing.add(stream);
                return true;
            }
            return false;
        }));
        if (!closing.isEmpty()) {
            executor.execute(() -> closing.forEach(Stream::close));
        }
    }

    /** Proxies drop idle connections; a comment every 20 s keeps streams open and finds dead ones. */
    @Schedule(hour = "*", minute = "*", second = "*/20", persistent = false)
    void keepAlive() {
        streamsByIdentity.values().forEach(streams -> streams.removeIf(stream -> !stream.send("keep-alive", null)));
        streamsByIdentity.keySet().forEach(identityId ->
                streamsByIdentity.computeIfPresent(identityId, (id, streams) -> streams.isEmpty() ? null : streams));
    }
}
