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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Jobs that one instance of the deployment runs at a time, however many instances are scheduled to start them
 * (publication expiry, dumps, the sample load, creating the search indices). Each job has a lease row in
 * PostgreSQL ({@code job_lease}, migration V8): its holder and until when it holds. A lease is taken in one
 * statement, only when nobody holds it or its holder's lease has expired (a crashed holder's lease is taken over
 * after it expires); while the job runs the lease is renewed every third of its length, and at the end it is
 * released. An instance that finds the lease held skips the job.
 *
 * <p>Lease times are the service's clock ({@link TimeSource}, NTP-synchronised on every node); leases are minutes
 * long, so the seconds instances may disagree by do not matter.
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
     * Runs {@code work} if this instance takes the job's lease, keeping the lease while the work runs and releasing it
     * when the work ends (whether it succeeds or fails); skips it, without calling {@code work}, while another
     * instance holds the lease. Fails when the lease cannot be read (PostgreSQL unreachable): the caller decides
     * whether to skip or to go ahead.
     *
     * @param lease how long the lease lasts without renewal: long enough that a stalled renewal does not let a second
     *        instance in while the work still runs, short enough that a crashed holder's job is not held up long
     */
    public <T> Uni<Outcome<T>> runExclusively(String job, Duration lease, Supplier<Uni<T>> work) {
        return acquire(job, lease).flatMap(acquired -> {
            if (!acquired) {
                return heldBy(job).map(by -> {
                    Log.debugf("job %s skipped: its lease is held by %s", job, by);
                    return Outcome.<T>skipped(by);
                });
            }
            Log.debugf("job %s: lease taken by %s for %s", job, holder, lease);
            Cancellable renewal = keepRenewing(job, lease);
            return Uni.createFrom().<T>deferred(work::get)
                    .onTermination().call(() -> {
                        renewal.cancel();
                        return release(job);
                    })
                    .map(Outcome::ran);
        });
    }

    /** Takes the job's lease for {@code lease} if nobody holds it or its holder's lease has expired. */
    public Uni<Boolean> acquire(String job, Duration lease) {
        OffsetDateTime now = now();
        return pool.preparedQuery("""
                INSERT INTO job_lease (job, holder, acquired_at, expires_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (job) DO UPDATE
                   SET holder = EXCLUDED.holder, acquired_at = EXCLUDED.acquired_at, expires_at = EXCLUDED.expires_at
                 WHERE job_lease.expires_at <= EXCLUDED.acquired_at
                RETURNING holder""")
                .execute(Tuple.of(job, holder, now, now.plus(lease)))
                .map(rows -> rows.size() == 1);
    }

    /** Extends a lease this instance holds; false when it no longer holds it (expired and taken over). */
    public Uni<Boolean> renew(String job, Duration lease) {
        return pool.preparedQuery("UPDATE job_lease SET expires_at = $3 WHERE job = $1 AND holder = $2")
                .execute(Tuple.of(job, holder, now().plus(lease)))
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

    private Cancellable keepRenewing(String job, Duration lease) {
        Duration every = lease.dividedBy(3);
        return Multi.createFrom().ticks().startingAfter(every).every(every)
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> renew(job, lease).onFailure().recoverWithUni(e -> {
                    Log.warnf("could not renew the lease of job %s: %s", job, e.getMessage());
                    return Uni.createFrom().item(true);
                }))
                .subscribe().with(held -> {
                    if (!held) {
                        Log.warnf("job %s lost its lease (it expired and another instance took it over)", job);
                    }
                }, e -> Log.warnf("renewing the lease of job %s stopped: %s", job, e.getMessage()));
    }

    private OffsetDateTime now() {
        return time.now().atOffset(ZoneOffset.UTC);
    }
}
