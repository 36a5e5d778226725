package cn.xinyong.openapi.platform.redis;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.NetClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.impl.types.ErrorType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Redis the service talks to: one server, or a Redis Cluster whose hash slots this class routes itself.
 *
 * <p>Each master gets its own connection pool (a standalone client); every command goes to the master of its key's
 * slot, and a batch is split into one pipelined batch per master and answered in the order asked. So a master that
 * fails only fails the commands for its own slots, and a replica, to which nothing is sent, can come and go unnoticed
 * — unlike the cluster client of the Redis library, which needs a connection to every node before it sends anything.
 * The slot map comes from {@code CLUSTER SLOTS}: at the first command, every few seconds, and at once after a
 * {@code MOVED} answer (then the command is sent again, once) or a failed connection (the command fails; the next
 * one goes to whichever node the cluster has promoted meanwhile).
 *
 * <p>Standalone mode is the same code with one node owning every slot: a batch is still one pipelined batch.
 */
public final class RedisNodes {

    /** A command and the key that decides where it goes. */
    public record Keyed(String key, Request request) {
    }

    /** How to reach Redis. */
    public record Settings(String name, List<String> urls, boolean cluster, int poolSize, int poolWaiting,
            Duration connectTimeout, Duration topologyRefresh) {
    }

    /** Which master (by endpoint {@code host:port}) owns each slot. */
    record Topology(String[] owners, List<String> masters, List<Integer> firstSlots) {
        static Topology single(String endpoint) {
            String[] owners = new String[RedisSlots.COUNT];
            Arrays.fill(owners, endpoint);
            return new Topology(owners, List.of(endpoint), List.of(0));
        }

        String owner(String key) {
            return owners[RedisSlots.of(key)];
        }
    }

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(1);
    /** The most commands pipelined on one connection at once. */
    static final int MAX_PIPELINE = 1000;
    /** The soonest a failure may set off another slot-map refresh. */
    private static final long REFRESH_DEBOUNCE_MILLIS = 200;

    private final Vertx vertx;
    private final Settings settings;
    private final String urlBase;
    private final List<String> seeds;
    private final Map<String, Redis> clients = new ConcurrentHashMap<>();
    private final AtomicReference<Topology> topology = new AtomicReference<>();
    private final AtomicReference<Uni<Topology>> refreshing = new AtomicReference<>();
    private final AtomicLong lastRefresh = new AtomicLong();
    private final long timer;
    private final List<java.util.function.Consumer<List<Integer>>> ownerListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public RedisNodes(Vertx vertx, Settings settings) {
        this.vertx = vertx;
        this.settings = settings;
        if (settings.urls().isEmpty()) {
            throw new IllegalArgumentException("no Redis URL for " + settings.name());
        }
        String first = settings.urls().get(0).trim();
        int at = first.lastIndexOf('@');
        int scheme = first.indexOf("://");
        this.urlBase = at > 0 ? first.substring(0, at + 1) : (scheme > 0 ? first.substring(0, scheme + 3) : "redis://");
        this.seeds = settings.urls().stream().map(RedisNodes::endpointOf).toList();
        if (!settings.cluster()) {
            if (seeds.size() > 1) {
                throw new IllegalArgumentException("several Redis URLs for " + settings.name()
                        + " but cluster mode is off: set cluster mode, or give one URL");
            }
            topology.set(Topology.single(seeds.get(0)));
            clients.put(seeds.get(0), create(first));
            timer = -1;
        } else {
            timer = vertx.setPeriodic(Math.max(500, settings.topologyRefresh().toMillis()),
                    id -> refresh().subscribe().with(t -> { }, e -> Log.debugf("Redis slot map refresh failed: %s",
                            e.getMessage())));
        }
    }

    public boolean cluster() {
        return settings.cluster();
    }

    /**
     * Told which slots changed master whenever a new slot map differs from the one before: after a failover the
     * promoted replica may lack the last writes its old master acknowledged (replication is asynchronous).
     */
    public void onOwnersChanged(java.util.function.Consumer<List<Integer>> listener) {
        ownerListeners.add(listener);
    }

    /** One command, to the master of its key's slot. */
    public Uni<Response> send(String key, Request request) {
        return routed(() -> current().flatMap(t -> client(t.owner(key)).send(request)));
    }

    /** Commands in one pipelined batch per master; the answers in the order asked. */
    public Uni<List<Response>> batch(List<Keyed> commands) {
        if (commands.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return routed(() -> current().flatMap(t -> {
            Map<String, List<Integer>> byNode = new LinkedHashMap<>();
            for (int i = 0; i < commands.size(); i++) {
                byNode.computeIfAbsent(t.owner(commands.get(i).key()), k -> new ArrayList<>()).add(i);
            }
            if (byNode.size() == 1 && commands.size() <= MAX_PIPELINE) {
                List<Request> all = commands.stream().map(Keyed::request).toList();
                return client(byNode.keySet().iterator().next()).batch(all);
            }
            // Per master, in pipelines of at most MAX_PIPELINE commands (a connection queues a bounded number of
            // answers), each on its own pooled connection.
            List<Uni<List<Response>>> parts = new ArrayList<>();
            List<List<Integer>> positions = new ArrayList<>();
            byNode.forEach((node, indices) -> {
                for (int from = 0; from < indices.size(); from += MAX_PIPELINE) {
                    List<Integer> chunk = indices.subList(from, Math.min(indices.size(), from + MAX_PIPELINE));
                    positions.add(chunk);
                    parts.add(client(node).batch(chunk.stream().map(i -> commands.get(i).request()).toList()));
                }
            });
            return Uni.combine().all().unis(parts).with(answers -> {
                Response[] ordered = new Response[commands.size()];
                for (int p = 0; p < answers.size(); p++) {
                    @SuppressWarnings("unchecked")
                    List<Response> part = (List<Response>) answers.get(p);
                    List<Integer> at = positions.get(p);
                    for (int j = 0; j < at.size(); j++) {
                        ordered[at.get(j)] = part.get(j);
                    }
                }
                return Arrays.asList(ordered);
            });
        }));
    }

    /** The masters, as {@code host:port}, in slot order. */
    public Uni<List<String>> masters() {
        return current().map(Topology::masters);
    }

    /** For each master, one slot it owns (its first): a key tagged for it lives on that master. */
    public Uni<List<Integer>> slotPerMaster() {
        return current().map(Topology::firstSlots);
    }

    /** A command for one node (SCAN, PING): not routed by key. */
    public Uni<Response> sendTo(String endpoint, Request request) {
        return client(endpoint).send(request).onFailure().invoke(this::noticeFailure);
    }

    /** Answers when every master answers PING within {@code within}; names the first that did not otherwise. */
    public Uni<Void> ping(Duration within) {
        return current().flatMap(t -> {
            List<Uni<Response>> pings = new ArrayList<>();
            for (String node : t.masters()) {
                pings.add(client(node).send(Request.cmd(Command.PING)).ifNoItem().after(within)
                        .failWith(() -> new java.util.concurrent.TimeoutException("Redis " + node + " did not answer "
                                + "within " + within.toMillis() + " ms"))
                        .onFailure().transform(e -> new IllegalStateException(node + ": " + e.getMessage(), e)));
            }
            return Uni.combine().all().unis(pings).discardItems();
        }).ifNoItem().after(within.multipliedBy(2)).fail();
    }

    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        clients.values().forEach(Redis::close);
    }

    private Uni<Topology> current() {
        Topology t = topology.get();
        return t != null ? Uni.createFrom().item(t) : refresh();
    }

    /** Runs the command; after a MOVED answer the slot map is read again and the command sent once more. */
    private <T> Uni<T> routed(java.util.function.Supplier<Uni<? extends T>> command) {
        return Uni.createFrom().<T>deferred(command)
                .onFailure().call(e -> {
                    noticeFailure(e);
                    return moved(e) ? refresh().onFailure().recoverWithNull() : Uni.createFrom().voidItem();
                })
                .onFailure(RedisNodes::moved).retry().atMost(1);
    }

    private static boolean moved(Throwable e) {
        return says(e, "MOVED") || says(e, "ASK");
    }

    /**
     * Whether a Redis error answer names this kind: as the whole answer ({@code MOVED 3999 host:port}) or, in a batch,
     * inside the client's summary of the failed commands ({@code ERR [0] MOVED …}).
     */
    static boolean says(Throwable e, String kind) {
        String m = String.valueOf(e.getMessage());
        return e instanceof ErrorType && (m.startsWith(kind + " ") || m.contains("] " + kind + " "))
                || m.startsWith("ERR [") && m.contains("] " + kind + " ");
    }

    /**
     * Reads the slot map again soon after any failure but a script's own answer ({@code NOSCRIPT}, handled by
     * {@link LuaScript}): a lost connection reaches us in several forms ({@code CONNECTION_CLOSED}, a refused
     * connection, a batch's {@code ERR [i] …}), and a needless read of the slot map costs one small command.
     */
    private void noticeFailure(Throwable e) {
        if (!settings.cluster() || says(e, "NOSCRIPT")) {
            return;
        }
        if (System.currentTimeMillis() - lastRefresh.get() > REFRESH_DEBOUNCE_MILLIS) {
            refresh().subscribe().with(t -> { }, x -> { });
        }
    }

    /** Reads the slot map from the first node that answers (known masters first, then the configured seeds). */
    Uni<Topology> refresh() {
        Uni<Topology> mine = Uni.createFrom().deferred(() -> {
            Set<String> candidates = new LinkedHashSet<>();
            Topology known = topology.get();
            if (known != null) {
                candidates.addAll(known.masters());
            }
            candidates.addAll(seeds);
            return ask(new ArrayList<>(candidates), 0, null);
        }).invoke(t -> {
            Topology before = topology.getAndSet(t);
            lastRefresh.set(System.currentTimeMillis());
            if (before == null || !before.masters().equals(t.masters())) {
                Log.infof("Redis %s: masters %s", settings.name(), t.masters());
                forgetDeparted(t);
            }
            if (before != null) {
                List<Integer> changed = new ArrayList<>();
                for (int s = 0; s < RedisSlots.COUNT; s++) {
                    if (!before.owners()[s].equals(t.owners()[s])) {
                        changed.add(s);
                    }
                }
                if (!changed.isEmpty()) {
                    for (var listener : ownerListeners) {
                        try {
                            listener.accept(changed);
                        } catch (RuntimeException e) {
                            Log.warnf("a listener of Redis slot changes failed: %s", e.getMessage());
                        }
                    }
                }
            }
        }).eventually(() -> refreshing.set(null)).memoize().indefinitely();
        Uni<Topology> running = refreshing.compareAndExchange(null, mine);
        return running != null ? running : mine;
    }

    private Uni<Topology> ask(List<String> candidates, int i, Throwable last) {
        if (i >= candidates.size()) {
            return Uni.createFrom().failure(new IllegalStateException("no Redis node of " + settings.name()
                    + " gave its slot map" + (last == null ? "" : ": " + last.getMessage()), last));
        }
        String node = candidates.get(i);
        return client(node).send(Request.cmd(Command.CLUSTER).arg("SLOTS"))
                .ifNoItem().after(ASK_TIMEOUT).fail()
                .map(r -> parse(r, node))
                .onFailure().recoverWithUni(e -> ask(candidates, i + 1, e));
    }

    /** The answer of CLUSTER SLOTS: for each range, its first and last slot and its master (host, port, …). */
    static Topology parse(Response slots, String askedNode) {
        String[] owners = new String[RedisSlots.COUNT];
        Map<String, Integer> first = new LinkedHashMap<>();
        String askedHost = askedNode.substring(0, askedNode.lastIndexOf(':'));
        List<int[]> ranges = new ArrayList<>();
        List<String> rangeOwners = new ArrayList<>();
        for (Response range : slots) {
            int from = range.get(0).toInteger();
            int to = range.get(1).toInteger();
            Response master = range.get(2);
            String host = master.get(0) == null ? "" : master.get(0).toString();
            if (host.isEmpty() || "?".equals(host)) {
                host = askedHost;
            }
            String endpoint = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":"
                    + master.get(1).toInteger();
            ranges.add(new int[] {from, to});
            rangeOwners.add(endpoint);
        }
        for (int r = 0; r < ranges.size(); r++) {
            int[] range = ranges.get(r);
            for (int s = range[0]; s <= range[1]; s++) {
                owners[s] = rangeOwners.get(r);
            }
            first.merge(rangeOwners.get(r), range[0], Math::min);
        }
        for (int s = 0; s < owners.length; s++) {
            if (owners[s] == null) {
                throw new IllegalStateException("the Redis cluster does not cover slot " + s);
            }
        }
        List<Map.Entry<String, Integer>> bySlot = new ArrayList<>(first.entrySet());
        bySlot.sort(Map.Entry.comparingByValue());
        return new Topology(owners, bySlot.stream().map(Map.Entry::getKey).toList(),
                bySlot.stream().map(Map.Entry::getValue).toList());
    }

    /** Closes the pools of nodes that are no longer masters (a failed master, a pod moved to a new address). */
    private void forgetDeparted(Topology t) {
        for (String endpoint : List.copyOf(clients.keySet())) {
            if (!t.masters().contains(endpoint) && !seeds.contains(endpoint)) {
                Redis gone = clients.remove(endpoint);
                if (gone != null) {
                    gone.close();
                }
            }
        }
    }

    private Redis client(String endpoint) {
        return clients.computeIfAbsent(endpoint, e -> create(urlBase + e));
    }

    private Redis create(String url) {
        RedisOptions options = new RedisOptions().setType(RedisClientType.STANDALONE).setConnectionString(url)
                .setMaxPoolSize(settings.poolSize()).setMaxPoolWaiting(settings.poolWaiting())
                .setMaxWaitingHandlers(Math.max(2048, settings.poolWaiting() * 4))
                .setNetClientOptions(new NetClientOptions().setTcpNoDelay(true).setTcpKeepAlive(true)
                        .setConnectTimeout((int) settings.connectTimeout().toMillis()));
        return Redis.createClient(vertx, options);
    }

    /** {@code host:port} of a Redis URL ({@code redis://[user:password@]host[:port][/db]}). */
    static String endpointOf(String url) {
        String rest = url.trim();
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
        }
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            rest = rest.substring(at + 1);
        }
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            rest = rest.substring(0, slash);
        }
        return rest.contains(":") && !rest.endsWith("]") ? rest : rest + ":6379";
    }
}
