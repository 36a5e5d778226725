package cn.xinyong.openapi.platform;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;

/**
 * Back to the caller's Vert.x context after a client that answers on its own threads (Redis, OpenSearch, the
 * PDF renderers): Hibernate Reactive works only on the context it was called from, and request-scoped state
 * lives there.
 */
public final class CallerContext {

    private CallerContext() {
    }

    /** Runs tasks on the Vert.x context current now; directly when there is none (a plain thread, a test). */
    public static Executor executor() {
        Context context = Vertx.currentContext();
        return context == null ? Runnable::run : task -> context.runOnContext(x -> task.run());
    }

    /**
     * Timers for timeouts, on the event loop of the context current now: one set and cancelled there costs no other
     * thread a wake-up, where Mutiny's default timer pool woke its own thread for every bounded read. Without a
     * context (a plain thread, a test), Mutiny's pool.
     */
    public static java.util.concurrent.ScheduledExecutorService timers() {
        return Vertx.currentContext() instanceof io.vertx.core.impl.ContextInternal context ? context.nettyEventLoop()
                : io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool();
    }

    /** The same Uni, emitting on the context current now (unchanged when there is none). */
    public static <T> Uni<T> resume(Uni<T> uni) {
        return Vertx.currentContext() == null ? uni : uni.emitOn(executor());
    }
}
