package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.platform.problem.BackendUnavailableException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hands out change-feed positions from a durable counter in PostgreSQL: a block per projected chunk,
 * never reused and never lower than one handed out before, whatever happens to Redis or to a search
 * index. Mirrors keep these positions in their {@code since}, so this is what makes them safe.
 *
 * <p>A block stays reserved until its writes have landed in both stores; {@link #settled()} is the
 * highest position below every block still in flight, the furthest a feed may go.
 */
@ApplicationScoped
public class FeedPositions {

    /** A writer that has not released its block after this long is taken to have died. */
    static final String ABANDONED_AFTER = "5 minutes";
    private final Pool pool;

    FeedPositions(Pool pool) {
        this.pool = pool;
    }

    /** Reserves {@code count} consecutive positions and returns the first; release it when written. */
    public Uni<Long> reserve(int count) {
        return pool.preparedQuery("""
                WITH block AS (UPDATE feed_position SET last = last + $1 WHERE id = 1 RETURNING last)
                INSERT INTO feed_reservation (first, last) SELECT last - $1 + 1, last FROM block RETURNING first""")
                .execute(Tuple.of((long) count))
                .map(rows -> rows.iterator().next().getLong(0))
                .onFailure().transform(e -> new BackendUnavailableException(
                        "could not reserve feed positions in PostgreSQL: " + e.getMessage(), e));
    }

    /** Says the writes of the block starting at {@code first} have landed (or failed for good). */
    public Uni<Void> release(long first) {
        return pool.preparedQuery("DELETE FROM feed_reservation WHERE first = $1").execute(Tuple.of(first))
                .replaceWithVoid();
    }

    /** The highest position handed out so far. */
    public Uni<Long> last() {
        return pool.query("SELECT last FROM feed_position WHERE id = 1").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The highest position at or below which every write has landed. */
    public Uni<Long> settled() {
        return pool.query("SELECT COALESCE((SELECT MIN(first) - 1 FROM feed_reservation WHERE reserved_at > now() - "
                + "interval '" + ABANDONED_AFTER + "'), (SELECT last FROM feed_position WHERE id = 1))").execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .onFailure().transform(e -> new BackendUnavailableException(
                        "could not read the feed watermark in PostgreSQL: " + e.getMessage(), e));
    }

    /** Raises the counter to at least {@code floor} (the highest position found in the indices). */
    public Uni<Long> raiseTo(long floor) {
        return pool.preparedQuery("UPDATE feed_position SET last = GREATEST(last, $1) WHERE id = 1 RETURNING last")
                .execute(Tuple.of(floor)).map(rows -> rows.iterator().next().getLong(0))
                .call(() -> pool.query("DELETE FROM feed_reservation WHERE reserved_at < now() - interval '"
                        + ABANDONED_AFTER + "'").execute());
    }
}
