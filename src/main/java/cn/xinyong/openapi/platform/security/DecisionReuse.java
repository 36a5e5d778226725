package cn.xinyong.openapi.platform.security;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Signed decisions answered again while nothing they rest on has changed. The key names everything a decision rests
 * on (the subject's stored versions, the date, the rules' version, who asked where that matters), so an equal key
 * means an equal decision; within the reuse window, and while the decision itself has not expired, the one already
 * signed is answered (same id, time and token) instead of signing again. A signature costs more CPU than the rest of
 * a decision. Per instance, bounded: when full, it starts again empty.
 *
 * @param <T> the decision
 */
public final class DecisionReuse<T> {

    private final Duration window;
    private final int maxEntries;
    private final Function<T, Instant> decidedAt;
    private final Function<T, Instant> expiresAt;
    private final Counter signed;
    private final Counter reused;
    private final ConcurrentHashMap<String, T> decisions = new ConcurrentHashMap<>();

    /**
     * @param window how long a decision is answered again; zero signs every decision anew
     * @param signed counts decisions signed, {@code reused} decisions answered again
     */
    public DecisionReuse(Duration window, int maxEntries, Function<T, Instant> decidedAt, Function<T, Instant> expiresAt,
            Counter signed, Counter reused) {
        this.window = window;
        this.maxEntries = maxEntries;
        this.decidedAt = decidedAt;
        this.expiresAt = expiresAt;
        this.signed = signed;
        this.reused = reused;
    }

    /** The decision made for {@code key} within the window, or a new one from {@code make} (kept for the next). */
    public T get(String key, Instant now, Supplier<T> make) {
        if (window.isZero()) {
            signed.increment();
            return make.get();
        }
        T known = decisions.get(key);
        if (known != null && decidedAt.apply(known).plus(window).isAfter(now) && expiresAt.apply(known).isAfter(now)) {
            reused.increment();
            return known;
        }
        signed.increment();
        T fresh = make.get();
        if (fresh != null) {
            if (decisions.size() >= maxEntries) {
                decisions.clear();
            }
            decisions.put(key, fresh);
        }
        return fresh;
    }
}
