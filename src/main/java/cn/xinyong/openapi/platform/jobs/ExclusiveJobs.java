package cn.xinyong.openapi.platform.jobs;

import cn.xinyong.openapi.platform.TimeSource;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Jobs that one instance of the deployment runs at a time, however many instances are scheduled to start them
 * (publication expiry, dumps, the sample load, creating the search indices). Each job has a lease row in
 * PostgreSQL ({@code job_lease}, migration V8): its holder and until when it holds. A lease is taken in one
 * statement, only when nobody holds it or its holder's lease has expired (a crashed holder's lease is taken over
 * after it expires); while the job runs the lease is renewed every third of its length, and at the end it is
 * released. An instance that finds the lease held skips the job.
 *
 * <p>The holder stops taking the lease as held (its {@link Lease} says so; long jobs check it between steps and stop
 * with {@link LeaseLost}) as soon as a renewal finds the lease taken over, or once the lease's length has passed
 * since the last statement that took or renewed it was sent, with no successful renewal since (PostgreSQL failing or
 * stalling). That local deadline is measured on this instance's monotonic clock from before the statement was sent,
 * so it ends no later than the expiry the database recorded: another instance may take the lease only after the
 * holder has stopped taking it as held.
 *
 * <p>Lease times are the database's clock ({@code now()} in the statements), so instances whose clocks disagree
 * still agree on when a lease expires. The service's {@link TimeSource} moves it by however far that clock is set
 * from the system clock: nothing in production; tests shift it to stand for an instance minutes later.
 */
@ApplicationScoped
public class ExclusiveJobs {

    /** What became of a job: run here (with its result), or skipped because {@code heldBy} holds its lease. */
    public record Outcome<T>(boolean ran, T result, String heldBy) {
        static <T> Outcome<T> ran(T result) {
            return new Outcome<>(true, result, null);
        }

        static <T> Outcome<T> skipped(String heldBy) {
            return new Outcome<>(false, null, heldBy);
        }
    }

    private final Pool pool;
    private final TimeSource time;
    private final String holder;

    @Inject
    ExclusiveJobs(Pool pool, TimeSource time) {
        this(pool, time, instanceName());
    }

    private ExclusiveJobs(Pool pool, TimeSource time, String holder) {
        this.pool = pool;
        this.time = time;
        this.holder = holder;
    }

    /**
     * Another contender for the same leases, as a second instance of the service would be (tests, tools): its own
     * holder name, and its own clock.
     */
    public static ExclusiveJobs contender(Pool pool, TimeSource time, String holder) {
        return new ExclusiveJobs(pool, time, holder + "/" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** This instance's name in the lease table: the pod's host name and a per-start suffix. */
    private static String instanceName() {
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElse("instance");
        return host + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Who holds leases taken here. */
    public String holder() {
        return holder;
    }

    /**
     * A job's hold on its lease, as its holder knows it: long jobs ask between steps and stop once it is lost, since
     * another instance may then be running the same job.
     */
    @FunctionalInterface
    public interface Lease {
        /** For code run outside any lease (tests, tools): always held. */
        Lease UNGUARDED = () -> true;

        /**
         * False once a renewal found the lease taken over, or once it has expired with no successful renewal; it
         * never becomes true again.
         */
        boolean stillHeld();

        /** Throws {@link LeaseLost} unless the lease is still held: a step to stop a job at. */
        default void check() {
            if (!stillHeld()) {
                throw new LeaseLost("the job's lease was lost (it expired or another instance took it over): stopped");
            }
        }
    }

    /** A job stopped because its holder no longer holds its lease. */
    public static final class LeaseLost extends RuntimeException {
        public LeaseLost(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Runs {@code work} if this instance takes the job's lease, keeping the lease while the work runs and releasing it
     * when the work ends (whether it succeeds or fails); skips it, without calling {@code work}, while another
     * instance holds the lease. Fails when the lease cannot be read (PostgreSQL unreachable): the caller decides
     * whether to skip or to go ahead.
     *
     * <p>The work is given its {@link Lease}: a job of more than one step checks it between steps
     * ({@link Lease#check()}) and stops when it is lost.
     *
     * @param lease how long the lease lasts without renewal: long enough that a stalled renewal does not let a second
     *        instance in while the work still runs, short enough that a crashed holder's job is not held up long
     */
    public <T> Uni<Outcome<T>> runExclusively(String job, Duration lease, Function<Lease, Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            long sent = System.nanoTime();
            return acquire(job, lease).flatMap(acquired -> {
                if (!acquired) {
                    return heldBy(job).map(by -> {
                        Log.debugf("job %s skipped: its lease is held by %s", job, by);
                        return Outcome.<T>skipped(by);
                    });
                }
                Log.debugf("job %s: lease taken by %s for %s", job, holder, lease);
                Held held = new Held(job, sent + lease.toNanos());
                Cancellable renewal = keepRenewing(job, lease, held);
                return Uni.createFrom().<T>deferred(() -> work.apply(held))
                        .onTermination().call(() -> {
                            renewal.cancel();
                            return release(job);
                        })
                        .map(Outcome::ran);
            });
        });
    }

    /**
     * {@link #runExclusively(String, Duration, Function)} for work of one short, idempotent step, which has nothing to
     * check its lease between: a lost lease is only logged.
     */
    public <T> Uni<Outcome<T>> runExclusively(String job, Duration lease, Supplier<Uni<T>> work) {
        return runExclusively(job, lease, held -> work.get());
    }

    /** Takes the job's lease for {@code lease} if nobody holds it or its holder's lease has expired. */
    public Uni<Boolean> acquire(String job, Duration lease) {
        return pool.preparedQuery("""
                INSERT INTO job_lease (job, holder, acquired_at, expires_at)
                VALUES ($1, $2, now() + $3::bigint * INTERVAL '1 millisecond',
                        now() + ($3::bigint + $4::bigint) * INTERVAL '1 millisecond')
                ON CONFLICT (job) DO UPDATE
                   SET holder = EXCLUDED.holder, acquired_at = EXCLUDED.acquired_at, expires_at = EXCLUDED.expires_at
                 WHERE job_lease.expires_at <= EXCLUDED.acquired_at
                RETURNING holder""")
                .execute(Tuple.of(job, holder, shiftMillis(), lease.toMillis()))
                .map(rows -> rows.size() == 1);
    }

    /**
     * Extends a lease this instance holds; false when it no longer holds it (taken over, or expired: an expired lease
     * is not brought back, since another instance may have run the job meanwhile).
     */
    public Uni<Boolean> renew(String job, Duration lease) {
        return pool.preparedQuery("""
                UPDATE job_lease SET expires_at = now() + ($3::bigint + $4::bigint) * INTERVAL '1 millisecond'
                 WHERE job = $1 AND holder = $2 AND expires_at > now() + $3::bigint * INTERVAL '1 millisecond'""")
                .execute(Tuple.of(job, holder, shiftMillis(), lease.toMillis()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Lets go of a lease this instance holds (nothing if it does not). Never fails: an unreleased lease expires. */
    public Uni<Void> release(String job) {
        return pool.preparedQuery("DELETE FROM job_lease WHERE job = $1 AND holder = $2")
                .execute(Tuple.of(job, holder)).replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    Log.warnf("could not release the lease of job %s (%s); it expires by itself", job, e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /** The current holder of the job's lease and until when, or "nobody". */
    public Uni<String> heldBy(String job) {
        return pool.preparedQuery("SELECT holder, expires_at FROM job_lease WHERE job = $1").execute(Tuple.of(job))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return "nobody";
                    }
                    Row row = rows.iterator().next();
                    return row.getString("holder") + " until " + row.getOffsetDateTime("expires_at");
                });
    }

    /** A lease held here while its job runs: lost for good once a renewal says so or its deadline passes. */
    private static final class Held implements Lease {
        private final String job;
        /** {@link System#nanoTime()} by which the lease ends unless renewed: the lease's length after sending. */
        private volatile long deadline;
        private volatile boolean lost;

        Held(String job, long deadline) {
            this.job = job;
            this.deadline = deadline;
        }

        @Override
        public boolean stillHeld() {
            if (!lost && System.nanoTime() - deadline >= 0) {
                lose("it expired with no successful renewal");
            }
            return !lost;
        }

        @Override
        public void check() {
            if (!stillHeld()) {
                throw new LeaseLost("job " + job + " lost its lease (it expired or another instance took it over): "
                        + "stopped, since another instance may be running it");
            }
        }

        /** A renewal sent at {@code sent} succeeded. */
        void renewed(long sent, Duration lease) {
            if (stillHeld()) {
                deadline = sent + lease.toNanos();
            }
        }

        synchronized void lose(String why) {
            if (!lost) {
                lost = true;
                Log.warnf("job %s lost its lease (%s); the job is told to stop", job, why);
            }
        }
    }

    private Cancellable keepRenewing(String job, Duration lease, Held held) {
        Duration every = lease.dividedBy(3);
        return Multi.createFrom().ticks().startingAfter(every).every(every)
                .onOverflow().drop()
                .select().where(tick -> held.stillHeld())
                .onItem().transformToUniAndConcatenate(tick -> {
                    long sent = System.nanoTime();
                    return renew(job, lease).invoke(renewed -> {
                        if (renewed) {
                            held.renewed(sent, lease);
                        } else {
                            held.lose("it expired and may have been taken over by another instance");
                        }
                    }).onFailure().recoverWithUni(e -> {
                        Log.warnf("could not renew the lease of job %s (%s); it is held until it expires", job,
                                e.getMessage());
                        return Uni.createFrom().item(false);
                    });
                })
                .subscribe().with(renewed -> {
                }, e -> held.lose("renewing it stopped: " + e.getMessage()));
    }

    /** How far the service's clock is set from the system clock (nothing in production): leases are moved by it. */
    private long shiftMillis() {
        return Duration.between(Instant.now(), time.now()).toMillis();
    }
}
