package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.platform.problem.BackendUnavailableException;
import io.quarkus.logging.Log;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Hands out change-feed positions from a durable counter in PostgreSQL: a block per projected chunk,
 * never reused and never lower than one handed out before, whatever happens to Redis or to a search
 * index. Mirrors keep these positions in their {@code since}, so this is what makes them safe.
 *
 * <p>A block counts as in flight until its writes have landed and are visible to searches;
 * {@link #settled()} is the highest position below every block in flight, the furthest a feed may go.
 * All times here are the database's, so every instance agrees on them.
 */
@ApplicationScoped
public class FeedPositions {

    @ConfigMapping(prefix = "xinyong.feeds")
    public interface VisibilityConfig {
        /**
         * How long a write that landed without a forced refresh may stay invisible to searches (the index's
         * refresh interval, with a margin): feeds hold its positions back that long.
         */
        @WithDefault("3s")
        Duration visibilityDelay();

        /** A writer that has not said its block landed after this long is taken to have died. */
        @WithDefault("5m")
        Duration abandonedAfter();
    }

    private final Pool pool;
    private final VisibilityConfig config;

    FeedPositions(Pool pool, VisibilityConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** Reserves {@code count} consecutive positions and returns the first; say when they landed. */
    public Uni<Long> reserve(int count) {
        return pool.preparedQuery("""
                WITH block AS (UPDATE feed_position SET last = last + $1 WHERE id = 1 RETURNING last)
                INSERT INTO feed_reservation (first, last) SELECT last - $1 + 1, last FROM block RETURNING first""")
                .execute(Tuple.of((long) count))
                .map(rows -> rows.iterator().next().getLong(0))
                .onFailure().transform(e -> new BackendUnavailableException(
                        "could not reserve feed positions in PostgreSQL: " + e.getMessage(), e));
    }

    /**
     * The block's writes have landed: visible at once when they were refreshed, else after the visibility
     * delay. Never fails: a block that cannot be marked stops counting when it is taken as abandoned.
     */
    public Uni<Void> landed(long first, boolean visible) {
        Uni<?> update = visible
                ? pool.preparedQuery("DELETE FROM feed_reservation WHERE first = $1").execute(Tuple.of(first))
                : pool.preparedQuery("UPDATE feed_reservation SET landed_at = now() WHERE first = $1").execute(Tuple.of(first));
        return update.replaceWithVoid().onFailure().recoverWithUni(e -> {
            Log.warnf("could not mark feed positions from %d as landed (%s); feeds hold them back until they are "
                    + "taken as abandoned", first, e.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * The block's writes failed or their outcome is unknown (a late write may still land): keep it in
     * flight for a while, so no feed moves past a write that lands late. Never fails.
     */
    public Uni<Void> failed(long first) {
        return pool.preparedQuery("UPDATE feed_reservation SET landed_at = now() + make_interval(secs => $2) "
                + "WHERE first = $1").execute(Tuple.of(first, 30.0)).replaceWithVoid()
                .onFailure().recoverWithUni(e -> Uni.createFrom().voidItem());
    }

    /** Keeps a long-running writer's block (a full re-index) from being taken as abandoned. */
    public Uni<Void> stillWriting(long first) {
        return pool.preparedQuery("UPDATE feed_reservation SET reserved_at = now() WHERE first = $1")
                .execute(Tuple.of(first)).replaceWithVoid();
    }

    /** The highest position handed out so far. */
    public Uni<Long> last() {
        return pool.query("SELECT last FROM feed_position WHERE id = 1").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The highest position at or below which every write has landed and is visible. */
    public Uni<Long> settled() {
        return pool.preparedQuery("""
                SELECT COALESCE((SELECT MIN(first) - 1 FROM feed_reservation
                                  WHERE (landed_at IS NULL AND reserved_at > now() - make_interval(secs => $1))
                                     OR landed_at > now() - make_interval(secs => $2)),
                                (SELECT last FROM feed_position WHERE id = 1))""")
                .execute(Tuple.of(seconds(config.abandonedAfter()), seconds(config.visibilityDelay())))
                .map(rows -> rows.iterator().next().getLong(0))
                .onFailure().transform(e -> new BackendUnavailableException(
                        "could not read the feed watermark in PostgreSQL: " + e.getMessage(), e));
    }

    /**
     * The last position handed out now, once every write up to it has landed and is visible (so a read of
     * the index after this sees all of them). Waits at most until such writes would count as abandoned.
     */
    public Uni<Long> lastSettled() {
        long attempts = Math.max(1, config.abandonedAfter().plus(config.visibilityDelay()).toMillis() / 100);
        return last().flatMap(target -> settledAt(target, attempts));
    }

    private Uni<Long> settledAt(long target, long attemptsLeft) {
        return settled().flatMap(settled -> {
            if (settled >= target) {
                return Uni.createFrom().item(target);
            }
            if (attemptsLeft <= 1) {
                return Uni.createFrom().failure(new IllegalStateException("writes up to position " + target
                        + " have not settled"));
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(100))
                    .flatMap(x -> settledAt(target, attemptsLeft - 1));
        });
    }

    /** Forgets blocks that no longer count (landed and visible, or abandoned). */
    public Uni<Void> forgetSettled() {
        return pool.preparedQuery("""
                DELETE FROM feed_reservation WHERE landed_at < now() - make_interval(secs => $2)
                   OR (landed_at IS NULL AND reserved_at < now() - make_interval(secs => $1))""")
                .execute(Tuple.of(seconds(config.abandonedAfter()), seconds(config.visibilityDelay()))).replaceWithVoid();
    }

    /** Raises the counter to at least {@code floor} (the highest position found in the indices). */
    public Uni<Long> raiseTo(long floor) {
        return pool.preparedQuery("UPDATE feed_position SET last = GREATEST(last, $1) WHERE id = 1 RETURNING last")
                .execute(Tuple.of(floor)).map(rows -> rows.iterator().next().getLong(0))
                .call(this::forgetSettled);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
