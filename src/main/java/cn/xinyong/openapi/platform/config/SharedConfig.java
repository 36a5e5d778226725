package cn.xinyong.openapi.platform.config;

import cn.xinyong.openapi.platform.problem.BackendUnavailableException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Configuration every instance must agree on (信易+ schemes, 联合奖惩措施清单). Each instance starts from its
 * local source ({@link WatchedConfig}: the built-in resource or a watched file) unless a shared revision is
 * stored in PostgreSQL ({@link SharedConfigStore}), which wins. A replacement on any instance, or a changed
 * file, is validated first (an invalid document changes nothing), then stored as the next revision; every
 * instance polls the revision and puts a newer one in force within the poll interval. An invalid stored
 * document is logged and skipped, never applied. Made and polled by {@link SharedConfigs}.
 */
public final class SharedConfig<T> {

    /** The configuration in force and the shared revision it is (0: the local one, nothing stored yet). */
    public record InForce<T>(T value, long revision, String digest) {
    }

    private final String name;
    private final String what;
    private final WatchedConfig<T> local;
    private final Function<byte[], T> parse;
    private final SharedConfigStore store;
    private final AtomicReference<InForce<T>> inForce;
    /** A stored revision found invalid, logged once and not read again. */
    private volatile long skippedRevision;

    SharedConfig(String name, String what, WatchedConfig<T> local, Function<byte[], T> parse, SharedConfigStore store) {
        this.name = name;
        this.what = what;
        this.local = local;
        this.parse = parse;
        this.store = store;
        this.inForce = new AtomicReference<>(new InForce<>(local.current(), 0, SharedConfigStore.digest(local.document())));
    }

    /** The stored configuration's name (e.g. {@code xinyi.schemes}). */
    public String name() {
        return name;
    }

    public T current() {
        return inForce.get().value();
    }

    public InForce<T> inForce() {
        return inForce.get();
    }

    /**
     * Validates the document, stores it as the next shared revision (unless the stored one is the same) and puts
     * it in force here; fails with the parser's exception when invalid (nothing changes) and with
     * {@link BackendUnavailableException} when PostgreSQL cannot store it (nothing changes either, so the
     * instances never disagree).
     */
    public Uni<InForce<T>> replace(byte[] document) {
        byte[] copy = document.clone();
        String digest = SharedConfigStore.digest(copy);
        return Uni.createFrom().item(() -> parse.apply(copy))
                .flatMap(value -> store.publish(name, copy).map(head -> {
                    // a different digest: another instance stored a newer revision meanwhile, which the poll brings
                    InForce<T> now = head.digest().equals(digest) ? install(value, head) : inForce.get();
                    Log.infof("%s replaced: shared revision %d in force", what, now.revision());
                    return now;
                }));
    }

    /**
     * At start: a stored revision wins over the local one. Waits at most {@code timeout} (never on an event
     * loop); when PostgreSQL does not answer, the local one stays and the polls catch up.
     */
    void adoptStored(Duration timeout) {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            Log.infof("%s: the %s in force until the first poll", what, local.source());
            return;
        }
        try {
            SharedConfigStore.Revision stored = store.read(name).await().atMost(timeout);
            InForce<T> held = inForce.get();
            if (stored == null) {
                Log.infof("%s: the %s in force; no shared revision stored yet", what, local.source());
            } else if (stored.digest().equals(held.digest())) {
                install(held.value(), stored.head());
                Log.infof("%s: shared revision %d in force, the same as the %s", what, stored.revision(), local.source());
            } else if (adopt(stored)) {
                Log.infof("%s: shared revision %d (stored %s) in force over the %s", what, stored.revision(),
                        stored.updatedAt(), local.source());
            }
        } catch (RuntimeException e) {
            Log.warnf("%s: the %s in force; the shared revision could not be read (%s), the polls will catch up", what,
                    local.source(), e.getMessage());
        }
    }

    /** Puts a newer stored revision in force; reads the document only when the revision and digest changed. */
    Uni<Void> poll() {
        return store.head(name).flatMap(head -> {
            InForce<T> held = inForce.get();
            if (head == null || head.revision() <= held.revision() || head.revision() == skippedRevision) {
                return Uni.createFrom().voidItem();
            }
            if (head.digest().equals(held.digest())) {
                install(held.value(), head);
                return Uni.createFrom().voidItem();
            }
            return store.read(name).invoke(stored -> {
                if (stored != null && stored.revision() > inForce.get().revision() && adopt(stored)) {
                    Log.infof("%s: shared revision %d (stored %s) in force", what, stored.revision(), stored.updatedAt());
                }
            }).replaceWithVoid();
        });
    }

    /**
     * Publishes the watched file when its content changed since this instance last read it, and differs from what
     * is in force (so every instance takes it); an invalid file is logged and changes nothing. A file touched with
     * its content unchanged (every file of a ConfigMap gets a new modification time on any update) is not
     * published: it would put the file's older content back over a newer revision replaced through the API.
     * Blocking: call it from a worker thread.
     */
    void checkFile(Duration timeout) {
        Optional<byte[]> changed;
        try {
            changed = local.changedDocument();
        } catch (IOException | RuntimeException e) {
            Log.errorf("%s: the %s could not be read: %s", what, local.source(), e.getMessage());
            return;
        }
        if (changed.isEmpty() || SharedConfigStore.digest(changed.get()).equals(inForce.get().digest())) {
            return;
        }
        try {
            InForce<T> now = replace(changed.get()).await().atMost(timeout);
            Log.infof("%s: the changed %s is shared revision %d", what, local.source(), now.revision());
        } catch (BackendUnavailableException | TimeoutException e) {
            local.markUnread();
            Log.errorf("%s: the changed %s could not be stored for every instance (%s); nothing changed, it is read "
                    + "again at the next check", what, local.source(), e.getMessage());
        } catch (RuntimeException e) {
            Log.errorf("%s: the changed %s is invalid and not applied; the one in force stays: %s", what,
                    local.source(), e.getMessage());
        }
    }

    /** Parses a stored revision and puts it in force; an invalid one is logged (once) and skipped. */
    private boolean adopt(SharedConfigStore.Revision stored) {
        try {
            if (!SharedConfigStore.digest(stored.document()).equals(stored.digest())) {
                throw new IllegalStateException("the document does not match its digest");
            }
            install(parse.apply(stored.document()), stored.head());
            return true;
        } catch (RuntimeException e) {
            if (skippedRevision != stored.revision()) {
                Log.errorf("%s: shared revision %d is invalid and not applied; the one in force stays: %s", what,
                        stored.revision(), e.getMessage());
            }
            skippedRevision = stored.revision();
            return false;
        }
    }

    /** Puts the value in force as the stored revision, unless a newer revision is in force already. */
    private InForce<T> install(T value, SharedConfigStore.Head head) {
        return inForce.updateAndGet(held -> head.revision() > held.revision()
                ? new InForce<>(value, head.revision(), head.digest()) : held);
    }
}
