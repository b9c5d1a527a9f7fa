package dev.mcpws.cdi;

import dev.mcpws.features.Guard;
import dev.mcpws.cluster.Cluster;
import dev.mcpws.cluster.ClusterBus;
import dev.mcpws.cluster.ClusterEvent;
import dev.mcpws.cluster.ClusterListener;
import dev.mcpws.completion.CompletionsFeature;
import dev.mcpws.api.McpRootsChanged;
import dev.mcpws.engine.EngineListener;
import dev.mcpws.engine.InputSettings;
import dev.mcpws.engine.RequestStates;
import dev.mcpws.engine.EngineSettings;
import dev.mcpws.engine.McpEngine;
import dev.mcpws.engine.ServerInfo;
import dev.mcpws.logging.LoggingFeature;
import dev.mcpws.prompts.PromptsFeature;
import dev.mcpws.resources.ResourcesFeature;
import dev.mcpws.subscriptions.SubscriptionsFeature;
import dev.mcpws.tools.ToolRegistry;
import dev.mcpws.tools.ToolsFeature;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import dev.mcpws.engine.TaskSettings;
import dev.mcpws.tasks.InMemoryTaskStore;
import dev.mcpws.tasks.TaskStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server of this application: builds the {@link McpEngine} once at startup from the deployed features and the
 * MicroProfile Config, on the container's {@code ManagedExecutorService}. Transports ask it for the engine.
 */
@ApplicationScoped
public class McpServer {

    private static final Logger LOG = Logger.getLogger(McpServer.class.getName());

    @Inject
    McpExtension extension;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "mcp.server.name", defaultValue = "mcp-websocket")
    String name;

    @Inject
    @ConfigProperty(name = "mcp.server.version", defaultValue = "0.1.0")
    String version;

    @Inject
    @ConfigProperty(name = "mcp.server.title")
    Optional<String> title;

    @Inject
    @ConfigProperty(name = "mcp.server.instructions")
    Optional<String> instructions;

    @Inject
    @ConfigProperty(name = "mcp.list.page-size", defaultValue = "50")
    int pageSize;

    @Inject
    @ConfigProperty(name = "mcp.cache.ttl-ms", defaultValue = "30000")
    long ttlMs;

    @Inject
    @ConfigProperty(name = "mcp.cache.scope", defaultValue = "public")
    String cacheScope;

    @Inject
    @ConfigProperty(name = "mcp.limits.max-in-flight", defaultValue = "256")
    int maxInFlight;

    @Inject
    @ConfigProperty(name = "mcp.subscriptions.max-uris", defaultValue = "1000")
    int maxSubscribedUris;

    @Inject
    @ConfigProperty(name = "mcp.limits.max-progress-token-length", defaultValue = "256")
    int maxProgressTokenChars;

    @Inject
    @ConfigProperty(name = "mcp.limits.max-notifications-per-request", defaultValue = "1000")
    int maxNotificationsPerRequest;

    /** Empty: {@link EngineSettings#DEFAULT_MAX_RUNNING_PER_CONNECTION} (the number of CPUs, at least 2). */
    @Inject
    @ConfigProperty(name = "mcp.limits.max-running-per-connection")
    Optional<Integer> maxRunningPerConnection;

    @Inject
    @ConfigProperty(name = "mcp.request.timeout-ms", defaultValue = "300000")
    long requestTimeoutMs;

    /** How long a non-blocking request may run on the thread that read it before its method or tool is demoted. */
    @Inject
    @ConfigProperty(name = "mcp.dispatch.inline-budget-ms", defaultValue = "1000")
    long inlineBudgetMs;

    @Inject
    @ConfigProperty(name = "mcp.subscriptions.max-listens", defaultValue = "16")
    int maxListens;

    @Inject
    @ConfigProperty(name = "mcp.auth.forbidden", defaultValue = "hide")
    String forbidden;

    /**
     * Fires request timeouts. Deliberately not the managed scheduler: its tasks queue for the same worker pool as the
     * requests, so a pool full of slow requests would delay the very timeouts meant to stop them. A timeout only flips
     * the request's state, interrupts its worker and queues the error response, so one plain daemon thread suffices.
     */
    private ScheduledThreadPoolExecutor timer;
    /**
     * The tasks' housekeeping (lease renewals, TTLs, store watches): Redis reads and writes that may wait for a
     * command's timeout while Redis does not answer, so not on the thread that fires request timeouts.
     */
    private ScheduledThreadPoolExecutor taskTimer;

    @Inject
    @ConfigProperty(name = "mcp.client-request.timeout-ms", defaultValue = "120000")
    long clientRequestTimeoutMs;

    @Inject
    @ConfigProperty(name = "mcp.mrtr.secret")
    Optional<String> mrtrSecret;

    @Inject
    @ConfigProperty(name = "mcp.mrtr.state-ttl-ms", defaultValue = "600000")
    long mrtrStateTtlMs;

    /** Empty: one node. Set: cluster mode, notifications and tasks shared through Redis (see "Running a cluster"). */
    @Inject
    @ConfigProperty(name = "mcp.cluster.redis-uri")
    Optional<String> clusterRedisUri;

    @Inject
    @ConfigProperty(name = "mcp.cluster.channel", defaultValue = "mcp-ws:cluster")
    String clusterChannel;

    @Inject
    @ConfigProperty(name = "mcp.cluster.max-queued", defaultValue = "10000")
    int clusterMaxQueued;

    @Inject
    Instance<ClusterListener> clusterListeners;

    @Inject
    @ConfigProperty(name = "mcp.tasks.enabled", defaultValue = "true")
    boolean tasksEnabled;

    @Inject
    @ConfigProperty(name = "mcp.tasks.ttl-ms", defaultValue = "3600000")
    long taskTtlMs;

    @Inject
    @ConfigProperty(name = "mcp.tasks.poll-interval-ms", defaultValue = "1000")
    long taskPollIntervalMs;

    @Inject
    @ConfigProperty(name = "mcp.tasks.max-live-per-caller", defaultValue = "32")
    int maxTasksPerCaller;

    @Inject
    @ConfigProperty(name = "mcp.tasks.max-stored", defaultValue = "10000")
    int maxTasksStored;

    @Inject
    @ConfigProperty(name = "mcp.tasks.lease-ms", defaultValue = "30000")
    long taskLeaseMs;

    @Inject
    Event<McpRootsChanged> rootsChanged;

    @Inject
    Instance<EngineListener> listeners;

    @Inject
    Instance<dev.mcpws.engine.RequestTracer> tracers;

    private McpEngine engine;
    private SubscriptionsFeature subscriptions;
    private ClusterBus cluster = ClusterBus.LOCAL;

    @PostConstruct
    void start() {
        boolean secretSet = !mrtrSecret.map(String::trim).orElse("").isEmpty();
        // checked first: a cluster node without the shared secret must not start (nor warn about a random key)
        if (clusterRedisUri.filter(u -> !u.isBlank()).isPresent() && !secretSet) {
            Cluster.open(clusterRedisUri.get(), clusterChannel, name + "/" + version, null, clusterMaxQueued,
                    ClusterListener.NONE); // logs CLUSTER_NEEDS_SECRET and throws
        }
        byte[] mrtrKey = mrtrKey();
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "mcp-request-timeouts");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        ToolRegistry tools = extension.tools();
        Guard guard = Guard.of(forbidden);
        subscriptions = new SubscriptionsFeature(maxListens, maxSubscribedUris, extension.resources()::guardOf, guard);
        McpEngine.Builder builder = McpEngine.builder(
                new ServerInfo(name, version, title.orElse(null), instructions.orElse(null)), executor);
        // opened before the engine (it connects only at start): in cluster mode the tasks live in its shared store
        cluster = Cluster.open(clusterRedisUri.orElse(null), clusterChannel, name + "/" + version,
                secretSet ? mrtrKey : null, clusterMaxQueued, clusterListener());
        if (tasksEnabled) {
            taskTimer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "mcp-task-housekeeping");
                t.setDaemon(true);
                return t;
            });
            taskTimer.setRemoveOnCancelPolicy(true);
            builder.taskTimer(taskTimer);
            TaskStore store = cluster.taskStore().orElseGet(InMemoryTaskStore::new);
            builder.tasks(store, new TaskSettings(taskTtlMs, taskPollIntervalMs, maxTasksPerCaller,
                    maxTasksStored, taskLeaseMs, cluster.status().node()));
        }
        engine = builder
                .features(List.of(new ToolsFeature(tools, pageSize, guard),
                        new ResourcesFeature(extension.resources(), pageSize, guard),
                        new PromptsFeature(extension.prompts(), pageSize, guard),
                        new CompletionsFeature(extension.prompts(), extension.resources(), guard),
                        new LoggingFeature(), subscriptions))
                .timer(timer)
                .listener(listener())
                .tracer(tracer())
                .settings(new EngineSettings(ttlMs, cacheScope, maxInFlight, requestTimeoutMs,
                        maxProgressTokenChars, maxNotificationsPerRequest,
                        maxRunningPerConnection.orElse(EngineSettings.DEFAULT_MAX_RUNNING_PER_CONNECTION),
                        inlineBudgetMs))
                .inputSettings(new InputSettings(clientRequestTimeoutMs, new RequestStates(mrtrKey, mrtrStateTtlMs)))
                .onRootsChanged(session -> rootsChanged.fire(new McpRootsChanged(session.id())))
                .build();
        // this node's changes: to its own clients at once, and to the other nodes' (a no-op on one node)
        tools.onChange(() -> announce(ClusterEvent.TOOLS_CHANGED));
        extension.resources().onChange(() -> announce(ClusterEvent.RESOURCES_CHANGED));
        extension.resources().onUpdated(uri -> announce(ClusterEvent.resourceUpdated(uri)));
        if (engine.taskEvents() != null) {
            // a task's new status: this node's listens are told by the engine; the other nodes read it from the store
            subscriptions.watchTasks(engine.taskEvents());
            engine.taskEvents().onChange(task -> cluster.publish(ClusterEvent.taskStatus(task.taskId())));
        }
        // the other nodes' changes: to this node's clients only
        cluster.start(this::deliver);
        dev.mcpws.diagnostics.Messages.SERVER_READY.log(LOG, null, name, version, tools.size(), maxInFlight, requestTimeoutMs, pageSize);
    }

    @PreDestroy
    void stop() {
        if (engine != null) {
            engine.stopTasks(); // none stays working after the application stopped
        }
        timer.shutdownNow();
        if (taskTimer != null) {
            taskTimer.shutdownNow();
        }
        cluster.close();
    }

    private void announce(ClusterEvent event) {
        deliver(event);
        cluster.publish(event);
    }

    /**
     * Delivers {@code event} to this node's clients: legacy sessions get list changes, legacy subscribers and the
     * 2026-07-28 listens that asked for it get the rest.
     */
    private void deliver(ClusterEvent event) {
        switch (event.kind()) {
            case TOOLS_LIST_CHANGED -> {
                engine.notifyLegacySessions("notifications/tools/list_changed", JsonValue.EMPTY_JSON_OBJECT);
                subscriptions.toolsListChanged();
            }
            case RESOURCES_LIST_CHANGED -> {
                engine.notifyLegacySessions("notifications/resources/list_changed", JsonValue.EMPTY_JSON_OBJECT);
                subscriptions.resourcesListChanged();
            }
            case RESOURCE_UPDATED -> subscriptions.resourceUpdated(event.uri());
            case TASK_STATUS -> subscriptions.taskChangedElsewhere(event.taskId());
        }
    }

    /** The cluster link (for the health check). */
    public ClusterBus.Status clusterStatus() {
        return cluster.status();
    }

    /** The application's cluster listeners (the metrics), as one. */
    private ClusterListener clusterListener() {
        List<ClusterListener> all = clusterListeners.stream().toList();
        return new ClusterListener() {
            @Override
            public void published() {
                all.forEach(ClusterListener::published);
            }

            @Override
            public void received() {
                all.forEach(ClusterListener::received);
            }

            @Override
            public void dropped(Drop why) {
                all.forEach(l -> l.dropped(why));
            }

            @Override
            public void reconnected() {
                all.forEach(ClusterListener::reconnected);
            }
        };
    }

    /** The key of 2026-07-28 requestStates: {@code mcp.mrtr.secret} (base64), else a random one for this process. */
    private byte[] mrtrKey() {
        String secret = mrtrSecret.map(String::trim).orElse("");
        if (secret.isEmpty()) {
            dev.mcpws.diagnostics.Messages.MRTR_SECRET_MISSING.log(LOG, null);
            return RequestStates.randomKey();
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(dev.mcpws.diagnostics.Messages.MRTR_SECRET_NOT_BASE64.format(), e);
        }
        if (key.length < 16) {
            throw new IllegalStateException(dev.mcpws.diagnostics.Messages.MRTR_SECRET_TOO_SHORT.format(key.length));
        }
        return key;
    }

    /** Builds the engine when the application starts, not on the first connection. */
    void onStartup(@Observes Startup startup) {
        engine();
    }

    public McpEngine engine() {
        return engine;
    }

    /** Ends every open {@code subscriptions/listen} with its result (the server is shutting down). */
    public void endSubscriptions() {
        if (subscriptions != null) {
            subscriptions.endAll();
        }
    }

    /** The application's engine listeners (e.g. the metrics), as one. */
    private EngineListener listener() {
        return EngineListener.of(listeners.stream().map(EngineListener::unproxiedEngineListener).toList());
    }

    /**
     * The application's request tracer (the OpenTelemetry spans of {@code dev.mcpws.observability}), or none when no
     * tracer is deployed or the one deployed is off (its SDK disabled): then the engine does no tracing work at all.
     */
    private dev.mcpws.engine.RequestTracer tracer() {
        List<dev.mcpws.engine.RequestTracer> on = tracers.stream().filter(dev.mcpws.engine.RequestTracer::enabled).toList();
        if (on.isEmpty()) {
            return dev.mcpws.engine.RequestTracer.NONE;
        }
        if (on.size() > 1) {
            throw new IllegalStateException("More than one RequestTracer is enabled: " + on.size());
        }
        return on.get(0);
    }

    public ToolRegistry tools() {
        return extension.tools();
    }
}
