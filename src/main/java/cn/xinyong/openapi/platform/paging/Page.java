package cn.xinyong.openapi.platform.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of any cursor-paged answer: the items, the signed cursor of the next page (null on the last),
 * the cursor just after the last item (a feed's position), and the total when it was counted.
 */
public record Page<T>(List<T> items, String next, String last, long total, boolean totalExact) {

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), next, last, total, totalExact);
    }
}
