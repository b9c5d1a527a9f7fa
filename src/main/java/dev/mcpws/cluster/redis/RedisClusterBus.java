package dev.mcpws.cluster.redis;

import dev.mcpws.cluster.ClusterBus;
import dev.mcpws.cluster.ClusterEvent;
import dev.mcpws.cluster.ClusterListener;
import dev.mcpws.cluster.ClusterSettings;
import dev.mcpws.cluster.Envelope;
import dev.mcpws.diagnostics.Messages;
import dev.mcpws.tasks.TaskStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The cluster bus on Redis pub/sub (Lettuce). Two connections: one subscribed to the channel, one that publishes.
 * Lettuce reconnects both when Redis comes back and subscribes the first to the channel again; the link counts as up
 * from Redis' subscribe confirmation to the subscribed connection's loss, while the publishing connection is open. While Redis is down a publish fails at once
 * (it is not queued: a notification that arrives minutes late is worse than none) and is counted as dropped; a Redis
 * that is down when the node starts is tried again in the background. Messages of other nodes are delivered one at a
 * time, in order, on the daemon thread {@code mcp-cluster-delivery}, behind a bounded queue.
 */
public final class RedisClusterBus implements ClusterBus {

    private static final Logger LOG = Logger.getLogger(RedisClusterBus.class.getName());
    private static final long FIRST_RETRY_MS = 200;
    private static final long MAX_RETRY_MS = 5000;
    /** The longest wait for one answer of Redis (Lettuce's command timeout; the task store's bound too). */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    /** Peers already warned about (bounded: a node id is new at every restart). */
    private static final int MAX_WARNED = 64;

    private final ClusterSettings settings;
    private final RedisURI uri;
    private final String where;
    private final ClusterListener listener;
    private final ClientResources resources;
    private final RedisClient client;
    private final ThreadPoolExecutor delivery;
    private final AtomicLong reconnects = new AtomicLong();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private volatile Consumer<ClusterEvent> deliver;
    private volatile StatefulRedisPubSubConnection<String, String> sub;
    private volatile StatefulRedisConnection<String, String> pub;
    private volatile boolean linked;
    private volatile boolean everLinked;
    private volatile boolean closed;
    private RedisTaskStore taskStore;

    private RedisClusterBus(ClusterSettings settings, RedisURI uri, ClusterListener listener) {
        this.settings = settings;
        this.uri = uri;
        this.where = uri.getHost() + ":" + uri.getPort();
        this.listener = listener;
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(FIRST_RETRY_MS), Duration.ofMillis(MAX_RETRY_MS),
                        2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT)).build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (connection == sub) {
                    linkDown();
                }
            }
        });
        this.delivery = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(settings.maxQueued()), r -> {
                    Thread t = new Thread(r, "mcp-cluster-delivery");
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * The bus for {@code settings}; connects only at {@link #start}.
     *
     * @throws IllegalStateException when the URI is not a Redis URI (logged as {@code CLUSTER_URI_INVALID}, without the URI)
     */
    public static RedisClusterBus open(ClusterSettings settings, ClusterListener listener) {
        RedisURI uri;
        try {
            uri = RedisURI.create(settings.redisUri());
        } catch (RuntimeException e) {
            Messages.CLUSTER_URI_INVALID.log(LOG, null);
            throw new IllegalStateException(Messages.CLUSTER_URI_INVALID.format()); // no cause: it may quote the URI
        }
        return new RedisClusterBus(settings, uri, listener);
    }

    @Override
    public void start(Consumer<ClusterEvent> deliver) {
        this.deliver = deliver;
        Messages.CLUSTER_ON.log(LOG, null, settings.node(), where, settings.channel());
        connect(this::subscribe, FIRST_RETRY_MS);
        connect(this::publisher, FIRST_RETRY_MS);
    }

    /** Runs {@code attempt}; when it fails, again after {@code delayMs} (doubling up to 5 s) until closed. */
    private void connect(Supplier<java.util.concurrent.CompletionStage<?>> attempt, long delayMs) {
        if (closed) {
            return;
        }
        java.util.concurrent.CompletionStage<?> tried;
        try {
            tried = attempt.get();
        } catch (RuntimeException e) {
            tried = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        tried.whenComplete((ok, failure) -> {
            if (failure != null && !closed) {
                Messages.CLUSTER_CONNECT_FAILED.log(LOG, null, where, delayMs);
                resources.eventExecutorGroup().schedule(() -> connect(attempt, Math.min(delayMs * 2, MAX_RETRY_MS)),
                        delayMs, TimeUnit.MILLISECONDS);
            }
        });
    }

    private java.util.concurrent.CompletionStage<?> subscribe() {
        return client.connectPubSubAsync(StringCodec.UTF8, uri).thenCompose(c -> {
            if (closed) {
                c.closeAsync();
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }
            c.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String text) {
                    onMessage(text);
                }

                @Override
                public void subscribed(String channel, long count) {
                    linkUp();
                }
            });
            sub = c;
            return c.async().subscribe(settings.channel()).whenComplete((ok, failure) -> {
                if (failure != null) {
                    c.closeAsync(); // tried again with a new connection
                    sub = null;
                }
            });
        });
    }

    private java.util.concurrent.CompletionStage<?> publisher() {
        return client.connectAsync(StringCodec.UTF8, uri).thenAccept(c -> {
            if (closed) {
                c.closeAsync();
            } else {
                pub = c;
            }
        });
    }

    private synchronized void linkUp() {
        if (linked || closed) {
            return;
        }
        linked = true;
        if (everLinked) {
            reconnects.incrementAndGet();
            listener.reconnected();
        }
        everLinked = true;
        Messages.CLUSTER_LINK_UP.log(LOG, null, settings.node(), where);
    }

    private synchronized void linkDown() {
        if (!linked || closed) {
            return;
        }
        linked = false;
        Messages.CLUSTER_LINK_DOWN.log(LOG, null, where);
    }

    private void onMessage(String text) {
        if (closed) {
            return;
        }
        Envelope envelope;
        try {
            envelope = Envelope.decode(text);
        } catch (IllegalArgumentException e) {
            listener.dropped(ClusterListener.Drop.MALFORMED);
            return;
        }
        if (envelope.node().equals(settings.node())) {
            return; // our own: delivered locally when it was announced
        }
        checkPeer(envelope);
        ClusterEvent event = envelope.event();
        try {
            delivery.execute(() -> {
                try {
                    deliver.accept(event);
                } catch (RuntimeException e) {
                    Messages.CLUSTER_DELIVERY_FAILED.log(LOG, e, event.kind().wire());
                }
            });
            listener.received();
        } catch (RejectedExecutionException e) {
            if (!closed) {
                listener.dropped(ClusterListener.Drop.OVERFLOW);
            }
        }
    }

    /** Warns once per peer whose server name/version or secret differs from ours (it is still delivered). */
    private void checkPeer(Envelope e) {
        if (e.server().equals(settings.server()) && e.key().equals(settings.key())) {
            return;
        }
        if (warned.size() < MAX_WARNED && warned.add(e.node())) {
            Messages.CLUSTER_PEER_DIFFERS.log(LOG, null, e.node(),
                    e.server() + " (secret fingerprint " + e.key() + ")", settings.identity());
        }
    }

    @Override
    public void publish(ClusterEvent event) {
        StatefulRedisConnection<String, String> p = pub;
        if (closed) {
            return;
        }
        if (p == null) {
            listener.dropped(ClusterListener.Drop.REDIS_DOWN);
            return;
        }
        String text = new Envelope(settings.node(), settings.server(), settings.key(), event).encode();
        try {
            p.async().publish(settings.channel(), text).whenComplete((receivers, failure) -> {
                if (failure != null) {
                    listener.dropped(ClusterListener.Drop.REDIS_DOWN);
                } else {
                    listener.published();
                }
            });
        } catch (RuntimeException e) {
            listener.dropped(ClusterListener.Drop.REDIS_DOWN);
        }
    }

    @Override
    public Status status() {
        var p = pub;
        return new Status(true, linked && p != null && p.isOpen(), settings.node(), reconnects.get());
    }

    /** The tasks of this cluster in Redis, on this bus's client: keys under {@code <channel>:tasks:}. */
    @Override
    public synchronized Optional<TaskStore> taskStore() {
        if (taskStore == null) {
            taskStore = new RedisTaskStore(client, uri, where, RedisTaskStore.prefix(settings.channel()), COMMAND_TIMEOUT);
        }
        return Optional.of(taskStore);
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (taskStore != null) {
                taskStore.close();
            }
        }
        delivery.shutdownNow();
        var s = sub;
        var p = pub;
        if (s != null) {
            s.close();
        }
        if (p != null) {
            p.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        try { // its event loops end before the application is gone (bounded: an undeploy must not hang on Redis)
            resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // left to end on their own (daemon threads)
        }
    }
}
