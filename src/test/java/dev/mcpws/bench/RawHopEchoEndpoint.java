package dev.mcpws.bench;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * A second baseline: {@link RawEchoEndpoint}'s work, but answered the way the MCP server answers: the request runs on
 * the container's {@code ManagedExecutorService} (a thread hop with EE context capture) and the answer is written with
 * {@code getAsyncRemote()} from that thread. The difference between this and {@code /raw-echo} is the cost of the
 * hop on Liberty; the difference between this and {@code /mcp} is the MCP layer itself. Benchmark deployment only.
 */
@ServerEndpoint("/raw-hop-echo")
public class RawHopEchoEndpoint {

    private static volatile ManagedExecutorService executor;

    @OnMessage
    public void echo(String text, Session session) throws NamingException {
        ManagedExecutorService ex = executor;
        if (ex == null) {
            ex = (ManagedExecutorService) new InitialContext().lookup("java:comp/DefaultManagedExecutorService");
            executor = ex;
        }
        ex.execute(() -> {
            String answer = RawEchoEndpoint.answer(text);
            if (answer != null) {
                try {
                    synchronized (session) { // one writer at a time, as the MCP send queue ensures
                        session.getBasicRemote().sendText(answer);
                    }
                } catch (java.io.IOException e) {
                    // the peer went away
                }
            }
        });
    }
}
