package dev.mcpws.transport.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * A stand-in {@link Session} with only the calls a {@link WebSocketConnection} makes. Its text writes block like the
 * container's blocking send to a peer that does not read while {@link #stopReading} holds; each write that starts
 * is reported in {@link #writing}, and a close ends the blocked writes (as the container's close does).
 */
final class StandInSession {

    final LinkedBlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();
    final List<ByteBuffer> pings = new CopyOnWriteArrayList<>();
    /** One permit per ping written. */
    final Semaphore pinged = new Semaphore(0);
    final List<String> written = new CopyOnWriteArrayList<>();
    /** One permit per text write that started. */
    final Semaphore writing = new Semaphore(0);
    private final Semaphore peerReads = new Semaphore(0);
    private volatile boolean stopped;
    final Session session;

    StandInSession(boolean reads) {
        this.stopped = !reads;
        RemoteEndpoint.Basic basic = (RemoteEndpoint.Basic) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Basic.class}, (p, m, a) -> {
                    if (m.getName().equals("sendText")) {
                        writing.release();
                        if (stopped) {
                            peerReads.acquire(); // until the peer reads again or the socket is closed
                            peerReads.release();
                        }
                        written.add((String) a[0]);
                    }
                    return null;
                });
        RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (p, m, a) -> {
                    if (m.getName().equals("sendPing")) {
                        ByteBuffer b = (ByteBuffer) a[0];
                        pings.add(ByteBuffer.allocate(b.remaining()).put(b.duplicate()).flip());
                        pinged.release();
                    }
                    return null;
                });
        session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getBasicRemote" -> basic;
                    case "getAsyncRemote" -> async;
                    case "isOpen" -> true;
                    case "close" -> {
                        closes.add(a == null ? new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "") : (CloseReason) a[0]);
                        peerReads.release();
                        yield null;
                    }
                    default -> null;
                });
    }

    /** The peer reads again: blocked writes complete, and the next ones at once. */
    void peerReads() {
        stopped = false;
        peerReads.release();
    }
}
