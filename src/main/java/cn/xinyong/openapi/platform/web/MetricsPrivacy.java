package cn.xinyong.openapi.platform.web;

import cn.xinyong.openapi.platform.problem.LogSafe;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps request paths out of the HTTP metrics' {@code uri} label unless they are route templates: a request
 * that matched no route (a 404 or 405 the router answered, with the raw path as label) is counted under
 * {@value #UNMATCHED}, so a 居民身份证号码 sent in a path never reaches {@code /q/metrics}, and junk paths cannot
 * fill the label's cap and blind the dashboards.
 */
public class MetricsPrivacy {

    static final String UNMATCHED = "UNMATCHED";

    @Produces
    @Singleton
    MeterFilter unmatchedRoutes() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith("http.server")) {
                    return id;
                }
                String uri = id.getTag("uri");
                String status = id.getTag("status");
                if (uri == null || uri.contains("{") || !(raw(status) || LogSafe.containsPersonalId(uri))) {
                    return id;
                }
                List<Tag> tags = new ArrayList<>();
                id.getTagsAsIterable().forEach(t -> tags.add(t.getKey().equals("uri") ? Tag.of("uri", UNMATCHED) : t));
                return id.replaceTags(tags);
            }
        };
    }

    /** Answers a router gives before a route template is known. */
    private static boolean raw(String status) {
        return "404".equals(status) || "405".equals(status) || "414".equals(status) || "431".equals(status)
                || "413".equals(status);
    }
}
