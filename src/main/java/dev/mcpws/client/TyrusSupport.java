package dev.mcpws.client;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import jakarta.websocket.WebSocketContainer;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;

/**
 * What only the Tyrus standalone client can be told: handshake timeout, TLS, incoming buffer size, and shutting its
 * threads down. Loaded only when the container is Tyrus, so the client runs without Tyrus on the class path (Liberty).
 */
final class TyrusSupport {

    private TyrusSupport() {
    }

    static boolean isTyrus(WebSocketContainer container) {
        return container.getClass().getName().startsWith("org.glassfish.tyrus.");
    }

    static void configure(WebSocketContainer container, WebSocketSettings s) {
        ClientManager client = (ClientManager) container;
        int handshakeMillis = (int) Math.min(Integer.MAX_VALUE, s.connectTimeout().toMillis()); // Tyrus wants an Integer
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, handshakeMillis);
        client.getProperties().put("org.glassfish.tyrus.incomingBufferSize", s.maxMessageBytes() + 1024);
        if ("wss".equalsIgnoreCase(s.uri().getScheme())) {
            SslEngineConfigurator ssl;
            if (s.insecure()) {
                ssl = new SslEngineConfigurator(trustAll(), true, false, false);
                ssl.setHostVerificationEnabled(false);
            } else if (s.sslContext() != null) {
                ssl = new SslEngineConfigurator(s.sslContext(), true, false, false);
            } else {
                return;
            }
            client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR, ssl);
        }
    }

    static void shutdown(WebSocketContainer container) {
        ((ClientManager) container).shutdown();
    }

    private static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException("cannot create an insecure TLS context", e);
        }
    }
}
