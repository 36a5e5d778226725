package cn.xinyong.openapi.platform.web;

import io.quarkus.logging.Log;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is sane, else a new one), puts
 * it in the logging context and the answer, and writes one line per request: method, path, status,
 * latency. Paths hold only public identifiers (organisation codes, consent ids), never a personal ID.
 */
public class RequestLog {

    static final String STARTED = RequestLog.class.getName() + ".started";
    static final String ID = RequestLog.class.getName() + ".id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @ServerRequestFilter(preMatching = true)
    public void begin(ContainerRequestContext request) {
        String given = request.getHeaderString("X-Request-Id");
        // A caller's id is kept only when it is sane and holds no personal ID (it is logged and echoed).
        String id = given != null && SANE.matcher(given).matches()
                && !cn.xinyong.openapi.platform.problem.LogSafe.containsPersonalId(given) ? given : newId();
        request.setProperty(ID, id);
        request.setProperty(STARTED, System.nanoTime());
        MDC.put("requestId", id);
    }

    @ServerResponseFilter
    public void end(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(ID);
        if (id != null) {
            response.getHeaders().putSingle("X-Request-Id", id);
        }
        if (request.getProperty(STARTED) instanceof Long started) {
            long tenths = (System.nanoTime() - started + 50_000) / 100_000;
            // Built here rather than with a format string: formatting took a visible share of a lookup's time.
            Log.info(request.getMethod() + " " + cn.xinyong.openapi.platform.problem.LogSafe.path(
                    request.getUriInfo().getPath()) + " " + response.getStatus() + " " + tenths / 10 + "."
                    + tenths % 10 + "ms");
        }
    }

    /**
     * A random (version 4) UUID from the thread's generator: a request id needs to be unique, not unguessable, and
     * {@link UUID#randomUUID()} makes every request wait on one shared secure generator.
     */
    static String newId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(0xC0L << 56) | (0x80L << 56);
        return new UUID(high, low).toString();
    }
}
