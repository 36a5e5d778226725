package cn.xinyong.openapi.platform.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.platform.ShiftedTimeSource;
import cn.xinyong.openapi.platform.TimeSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Job leases over the real PostgreSQL the suite starts: contenders stand for instances of the service. */
@QuarkusTest
class ExclusiveJobsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;
    @Inject
    TimeSource time;
    @Inject
    ExclusiveJobs jobs;

    private static String newJob() {
        return "test-" + UUID.randomUUID();
    }

    private ExclusiveJobs instance(String name) {
        return ExclusiveJobs.contender(pool, time, name);
    }

    @Test
    void ofTwoInstancesTakingTheSameLeaseAtTheSameMomentExactlyOneGetsIt() {
        for (int round = 0; round < 20; round++) {
            String job = newJob();
            ExclusiveJobs a = instance("a");
            ExclusiveJobs b = instance("b");
            List<Boolean> taken = Uni.join().all(a.acquire(job, Duration.ofMinutes(1)), b.acquire(job, Duration.ofMinutes(1)))
                    .andFailFast().await().atMost(WAIT);
            assertEquals(1, taken.stream().filter(t -> t).count(), "round " + round + ": " + taken);
            String winner = taken.get(0) ? a.holder() : b.holder();
            assertTrue(a.heldBy(job).await().atMost(WAIT).startsWith(winner + " until "));
        }
    }

    @Test
    void whileOneInstanceRunsTheJobAnotherSkipsItAndRunsItOnceItIsReleased() throws Exception {
        String job = newJob();
        ExclusiveJobs a = instance("a");
        ExclusiveJobs b = instance("b");
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Void> finish = new CompletableFuture<>();
        CompletableFuture<ExclusiveJobs.Outcome<String>> first = a.runExclusively(job, Duration.ofMinutes(1), () -> {
            runs.incrementAndGet();
            started.complete(null);
            return Uni.createFrom().completionStage(finish).replaceWith("a's run");
        }).subscribeAsCompletionStage();
        started.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        ExclusiveJobs.Outcome<String> second = b.runExclusively(job, Duration.ofMinutes(1), () -> {
            runs.incrementAndGet();
            return Uni.createFrom().item("b's run");
        }).await().atMost(WAIT);
        assertFalse(second.ran(), "the lease is held: b skips the job");
        assertTrue(second.heldBy().startsWith(a.holder() + " until "), second.heldBy());
        assertEquals(1, runs.get(), "b's work was never called");

        finish.complete(null);
        ExclusiveJobs.Outcome<String> done = first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(done.ran());
        assertEquals("a's run", done.result());
        assertEquals("nobody", jobs.heldBy(job).await().atMost(WAIT), "released when the work ended");

        ExclusiveJobs.Outcome<String> third = b.runExclusively(job, Duration.ofMinutes(1),
                () -> Uni.createFrom().item("b's run")).await().atMost(WAIT);
        assertTrue(third.ran(), "after the release b runs it");
        assertEquals("b's run", third.result());
    }

    @Test
    void aFailedRunReleasesTheLeaseToo() {
        String job = newJob();
        ExclusiveJobs a = instance("a");
        Uni<ExclusiveJobs.Outcome<Object>> failing = a.runExclusively(job, Duration.ofMinutes(1),
                () -> Uni.createFrom().failure(new IllegalStateException("the job failed")));
        assertEquals("the job failed", failing.onFailure().recoverWithItem(e -> new ExclusiveJobs.Outcome<>(false, null,
                e.getMessage())).await().atMost(WAIT).heldBy());
        assertEquals("nobody", jobs.heldBy(job).await().atMost(WAIT));
        assertTrue(instance("b").acquire(job, Duration.ofMinutes(1)).await().atMost(WAIT));
    }

    @Test
    void aLeaseLeftByACrashedInstanceIsTakenOverOnceItHasExpired() {
        String job = newJob();
        ExclusiveJobs crashed = instance("crashed");
        assertTrue(crashed.acquire(job, Duration.ofMinutes(5)).await().atMost(WAIT));
        // It never releases it. Before the lease ends nobody else gets it ...
        assertFalse(instance("b").acquire(job, Duration.ofMinutes(5)).await().atMost(WAIT));
        ExclusiveJobs almost = ExclusiveJobs.contender(pool, new ShiftedTimeSource(Duration.ofMinutes(4)), "b-4-min-later");
        assertFalse(almost.acquire(job, Duration.ofMinutes(5)).await().atMost(WAIT));
        // ... after it, the next instance does, and the crashed holder (were it to come back) no longer holds it.
        ExclusiveJobs later = ExclusiveJobs.contender(pool, new ShiftedTimeSource(Duration.ofMinutes(6)), "b-6-min-later");
        assertTrue(later.acquire(job, Duration.ofMinutes(5)).await().atMost(WAIT));
        assertFalse(crashed.renew(job, Duration.ofMinutes(5)).await().atMost(WAIT), "the old holder cannot renew it");
        crashed.release(job).await().atMost(WAIT);
        assertTrue(jobs.heldBy(job).await().atMost(WAIT).startsWith(later.holder() + " until "),
                "nor release it from under its new holder");
    }

    @Test
    void aLongJobKeepsItsLeaseByRenewingIt() {
        String job = newJob();
        ExclusiveJobs a = instance("a");
        Duration lease = Duration.ofMillis(900);
        // The work ends once the lease's end has been moved twice, i.e. it outlived its first lease.
        ExclusiveJobs.Outcome<OffsetDateTime> outcome = a.runExclusively(job, lease, () -> expiry(job)
                .flatMap(first -> expiry(job).flatMap(e -> e.isAfter(first.plus(lease)) ? Uni.createFrom().item(e)
                        : Uni.createFrom().<OffsetDateTime>failure(new IllegalStateException("not renewed yet")))
                        .onFailure(IllegalStateException.class).retry().withBackOff(Duration.ofMillis(50), Duration.ofMillis(100))
                        .expireIn(System.currentTimeMillis() + WAIT.toMillis())
                        .call(renewed -> instance("b").acquire(job, lease).invoke(taken ->
                                assertFalse(taken, "a renewed lease is not free for another instance")))))
                .await().atMost(WAIT.plusSeconds(5));
        assertTrue(outcome.ran());
        assertEquals("nobody", jobs.heldBy(job).await().atMost(WAIT));
    }

    @Test
    void aHolderWhoseLeaseIsTakenOverIsToldToStopAndDoesNotReleaseTheNewHoldersLease() throws Exception {
        String job = newJob();
        ExclusiveJobs a = instance("a");
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Void> lost = new CompletableFuture<>();
        CompletableFuture<ExclusiveJobs.Outcome<String>> run = a.runExclusively(job, Duration.ofMillis(900),
                lease -> untilLost(lease, started, lost)).subscribeAsCompletionStage();
        started.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        // An instance whose clock is ten minutes ahead finds a's lease expired and takes it.
        ExclusiveJobs b = ExclusiveJobs.contender(pool, new ShiftedTimeSource(Duration.ofMinutes(10)), "b-10-min-later");
        assertTrue(b.acquire(job, Duration.ofMinutes(1)).await().atMost(WAIT));
        try {
            lost.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> run.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertInstanceOf(ExclusiveJobs.LeaseLost.class, failed.getCause(), "the job stopped: " + failed.getCause());
            assertTrue(jobs.heldBy(job).await().atMost(WAIT).startsWith(b.holder() + " until "), "b still holds it");
        } finally {
            b.release(job).await().atMost(WAIT);
        }
    }

    @Test
    void aHolderWhoseRenewalsStallStopsTakingTheLeaseAsHeldOnceItExpires() throws Exception {
        String job = newJob();
        ExclusiveJobs a = instance("a");
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Void> lost = new CompletableFuture<>();
        CompletableFuture<ExclusiveJobs.Outcome<String>> run = a.runExclusively(job, Duration.ofMillis(900),
                lease -> untilLost(lease, started, lost)).subscribeAsCompletionStage();
        started.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        // PostgreSQL stalls for the holder: the lease row is locked, so every renewal waits.
        CompletableFuture<Void> locked = new CompletableFuture<>();
        CompletableFuture<Void> unlock = new CompletableFuture<>();
        CompletableFuture<Void> lockHeld = pool.withTransaction(conn -> conn
                .preparedQuery("SELECT job FROM job_lease WHERE job = $1 FOR UPDATE").execute(Tuple.of(job))
                .invoke(rows -> locked.complete(null))
                .flatMap(rows -> Uni.createFrom().completionStage(unlock)))
                .subscribeAsCompletionStage();
        try {
            locked.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            lost.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            unlock.complete(null);
            lockHeld.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        ExecutionException failed = assertThrows(ExecutionException.class, () -> run.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertInstanceOf(ExclusiveJobs.LeaseLost.class, failed.getCause(), "the job stopped: " + failed.getCause());
        assertEquals("nobody", jobs.heldBy(job).await().atMost(WAIT), "the stalled renewal did not bring it back");
    }

    /** A long job: checks its lease between steps (every few milliseconds) until it is told the lease is lost. */
    private static Uni<String> untilLost(ExclusiveJobs.Lease lease, CompletableFuture<Void> started,
            CompletableFuture<Void> lost) {
        long until = System.currentTimeMillis() + WAIT.toMillis();
        return Uni.createFrom().<String>deferred(() -> {
            try {
                lease.check();
            } catch (ExclusiveJobs.LeaseLost e) {
                lost.complete(null);
                throw e;
            }
            started.complete(null);
            return Uni.createFrom().failure(new IllegalStateException("next step"));
        }).onFailure(IllegalStateException.class).retry().withBackOff(Duration.ofMillis(20), Duration.ofMillis(50))
                .expireIn(until);
    }

    private Uni<OffsetDateTime> expiry(String job) {
        return pool.preparedQuery("SELECT expires_at FROM job_lease WHERE job = $1").execute(Tuple.of(job))
                .map(rows -> rows.iterator().next().getOffsetDateTime(0));
    }
}
