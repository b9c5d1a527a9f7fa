package dev.mcpws.client.bridge;

import dev.mcpws.client.Heartbeat;
import dev.mcpws.client.ReconnectPolicy;
import dev.mcpws.client.WebSocketSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The bridge's command line. */
record BridgeOptions(WebSocketSettings settings) {

    static final String USAGE = String.join("\n",
            "usage: java -jar mcp-ws-bridge.jar <ws-or-wss-url> [options]",
            "  --header \"Name: value\"      a header on every WebSocket upgrade (repeatable)",
            "  --token-env VAR             send 'Authorization: Bearer $VAR' (read again on every reconnect)",
            "  --token-file PATH           the same from a file (re-read on every reconnect, so it can be refreshed)",
            "  --truststore PATH           trust the certificates in this PKCS12/JKS file (wss)",
            "  --truststore-password PW    its password",
            "  --insecure                  trust any certificate and host name (development keystores only)",
            "  --ping-seconds N            heartbeat interval (default 20; 0 turns it off); a missed pong reconnects",
            "  --max-backoff-seconds N     the longest wait between reconnect attempts (default 30)",
            "  --max-reconnect-seconds N   give up after an outage this long (default: never)");

    static BridgeOptions parse(String[] args) {
        URI uri = null;
        Map<String, String> headers = new LinkedHashMap<>();
        Supplier<String> token = null;
        String truststore = null;
        String truststorePassword = "";
        boolean insecure = false;
        Heartbeat heartbeat = Heartbeat.DEFAULT;
        ReconnectPolicy reconnect = ReconnectPolicy.forever();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--header": {
                    String h = value(args, ++i, a);
                    int colon = h.indexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException("--header wants \"Name: value\", not " + h);
                    }
                    headers.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
                    break;
                }
                case "--token-env": {
                    String var = value(args, ++i, a);
                    token = () -> System.getenv(var);
                    break;
                }
                case "--token-file": {
                    Path file = Path.of(value(args, ++i, a));
                    token = () -> {
                        try {
                            return Files.readString(file).trim();
                        } catch (IOException e) {
                            return null;
                        }
                    };
                    break;
                }
                case "--truststore":
                    truststore = value(args, ++i, a);
                    break;
                case "--truststore-password":
                    truststorePassword = value(args, ++i, a);
                    break;
                case "--insecure":
                    insecure = true;
                    break;
                case "--ping-seconds": {
                    long s = Long.parseLong(value(args, ++i, a));
                    heartbeat = s == 0 ? Heartbeat.OFF
                            : new Heartbeat(Duration.ofSeconds(s), Duration.ofSeconds(Math.max(1, s / 2)));
                    break;
                }
                case "--max-backoff-seconds":
                    reconnect = reconnect.withMaxDelay(Duration.ofSeconds(Long.parseLong(value(args, ++i, a))));
                    break;
                case "--max-reconnect-seconds":
                    reconnect = reconnect.withMaxElapsed(Duration.ofSeconds(Long.parseLong(value(args, ++i, a))));
                    break;
                default:
                    if (a.startsWith("--") || uri != null) {
                        throw new IllegalArgumentException("unknown argument: " + a);
                    }
                    uri = URI.create(a);
            }
        }
        if (uri == null) {
            throw new IllegalArgumentException("the server's ws:// or wss:// URL is missing");
        }
        SSLContext ssl = truststore == null ? null : trusting(Path.of(truststore), truststorePassword);
        return new BridgeOptions(new WebSocketSettings(uri, headers, token, false, ssl, insecure, null, reconnect, heartbeat,
                0, null));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static SSLContext trusting(Path file, String password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(in, password.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the truststore " + file + ": " + e.getMessage(), e);
        }
    }
}
