package cn.xinyong.openapi.platform.paging;

import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import cn.xinyong.openapi.platform.web.Params;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A feed the platform collects in arrival order (execution feedback, subjects' applications): rows numbered by a
 * sequence, a signed position to continue from, 100 rows by default and 1,000 at most.
 */
public final class ArrivalFeed {

    /** One page: the rows, the position after the last one, and whether more are waiting. */
    public record Page<T>(List<T> items, String position, boolean more) {
    }

    private ArrivalFeed() {
    }

    /**
     * The page after {@code since} (absent: from the start); {@code rows} reads the rows after a sequence number,
     * oldest first, one more than asked when more wait. A position of another feed, or forged, is 400.
     */
    public static <T> Uni<Page<T>> page(CursorCodec cursors, String feed, String since, String limit,
            BiFunction<Long, Integer, Uni<List<Map.Entry<Long, T>>>> rows) {
        String fingerprint = CursorCodec.fingerprint(feed);
        long after = since == null ? 0 : cursors.decode(since, fingerprint).path(0).asLong(-1);
        if (after < 0) {
            throw new ApiProblem(ProblemType.INVALID_CURSOR, "since is not a " + feed + " position");
        }
        Params p = new Params();
        int size = Limits.limit(limit, 100, 1000, p.errors());
        p.check();
        return rows.apply(after, size).map(found -> {
            List<Map.Entry<Long, T>> page = found.subList(0, Math.min(size, found.size()));
            long last = page.isEmpty() ? after : page.get(page.size() - 1).getKey();
            return new Page<>(page.stream().map(Map.Entry::getValue).toList(),
                    cursors.encode(fingerprint, JsonNodeFactory.instance.arrayNode().add(last)), found.size() > size);
        });
    }
}
