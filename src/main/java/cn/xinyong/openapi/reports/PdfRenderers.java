package cn.xinyong.openapi.reports;

import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where PDF reports are rendered: one thread per core, each with its own parsed font, and a bounded queue. Rendering
 * is CPU work, so more threads would not render faster, and each thread's font costs memory: on the shared worker
 * pool, 32 reports at once each parsed the font and exhausted a 1 GB heap (seen under load). A full queue is a
 * 503 with Retry-After, never a heap spent on waiting work.
 */
@ApplicationScoped
public class PdfRenderers {

    /** Reports waiting for a renderer before new ones are refused. */
    static final int QUEUE = 256;

    private final ThreadPoolExecutor executor;

    PdfRenderers() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "report-pdf-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The report rendered on a renderer thread; 503 when too many wait already. */
    public Uni<byte[]> render(ReportViews.Report report) {
        return Uni.createFrom().<byte[]>emitter(emitter -> {
            try {
                executor.execute(() -> {
                    try {
                        emitter.complete(ReportPdf.render(report));
                    } catch (RuntimeException e) {
                        emitter.fail(e);
                    }
                });
            } catch (RejectedExecutionException e) {
                emitter.fail(new ApiProblem(ProblemType.UNAVAILABLE, "Too many PDF reports are being rendered; try again"));
            }
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
