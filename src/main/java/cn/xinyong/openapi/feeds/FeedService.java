package cn.xinyong.openapi.feeds;

import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.paging.CursorCodec;
import cn.xinyong.openapi.readmodel.Dataset;
import cn.xinyong.openapi.readmodel.FeedPositions;
import cn.xinyong.openapi.readmodel.IndexPager;
import cn.xinyong.openapi.readmodel.PublicViews;
import cn.xinyong.openapi.readmodel.PublicationRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;

/**
 * The change feed (every change in the order of its feed position, upserts and withdrawals) and the
 * export (every public record, streamed page by page in constant memory). A feed never goes past a
 * position whose write is still in flight, so a consumer can never skip a change that lands later.
 */
@ApplicationScoped
public class FeedService {

    @ConfigMapping(prefix = "xinyong.feeds")
    public interface FeedConfig {
        /** Records per search page while exporting. */
        @WithDefault("1000")
        int exportPageSize();
    }

    /** A page of changes, the position after the last one, and whether more are already waiting. */
    public record Changes(List<FeedViews.Change> items, String position, boolean more) {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final IndexPager pager;
    private final FeedPositions positions;
    private final PublicViews views;
    private final CursorCodec cursors;
    private final TimeSource time;
    private final FeedConfig config;

    FeedService(IndexPager pager, FeedPositions positions, PublicViews views, CursorCodec cursors, TimeSource time,
            FeedConfig config) {
        this.pager = pager;
        this.positions = positions;
        this.views = views;
        this.cursors = cursors;
        this.time = time;
        this.config = config;
    }

    /** What binds a feed position to its dataset. */
    static String fingerprint(Dataset dataset) {
        return CursorCodec.fingerprint("feed", dataset.path());
    }

    /** Changes after {@code since} (a position this service issued, or null for the beginning). */
    public Uni<Changes> changes(Dataset dataset, String since, int limit) {
        LocalDate today = time.today();
        String fingerprint = fingerprint(dataset);
        return positions.settled().flatMap(settled -> {
            ObjectNode query = JSON.objectNode();
            query.putObject("bool").putArray("filter").add(PublicationRules.range("seq", "lte", Long.toString(settled)));
            ArrayNode sort = JSON.arrayNode();
            sort.addObject().put("seq", "asc");
            IndexPager.Request request = new IndexPager.Request(query, sort, fingerprint, limit, since, null, false);
            return pager.page(dataset, request, doc -> change(dataset, doc, today)).map(page -> new Changes(page.items(),
                    page.last() != null ? page.last() : position(dataset, 0),
                    page.next() != null));
        });
    }

    /**
     * What an export is taken from: the feed position it is consistent with and a point in time of the index
     * opened after every change up to that position had landed. Each record in the export is therefore at that
     * position or later, so a mirror that loads the export and then reads the feed from {@code position} ends
     * with exactly the records a later export holds.
     */
    public record Snapshot(Dataset dataset, String position, long settled, IndexPager.PointInTime pit, LocalDate today) {
    }

    /** Takes a snapshot of the dataset; fails with a 503 when its index cannot be reached (nothing sent yet). */
    public Uni<Snapshot> snapshot(Dataset dataset) {
        LocalDate today = time.today();
        return positions.settled().flatMap(settled -> pager.open(dataset).map(pit -> new Snapshot(dataset,
                position(dataset, settled), settled, pit, today)));
    }

    /** The change-feed position ({@code since}) just after {@code seq}. */
    public String position(Dataset dataset, long seq) {
        return cursors.encode(fingerprint(dataset), JSON.arrayNode().add(seq));
    }

    /** Every public record of the snapshot as NDJSON lines ({@link #export}), each written straight from its view. */
    public Multi<String> exportLines(Snapshot snapshot) {
        return export(snapshot).map(views::line);
    }

    /** Every public record of the snapshot as JSON trees ({@link #export}), for CSV columns. */
    public Multi<JsonNode> exportTrees(Snapshot snapshot) {
        return export(snapshot).map(views::tree);
    }

    /**
     * Every public record of the snapshot, as its open view, in key order, fetched a page at a time on demand;
     * the point in time is released when the stream ends, fails or is cancelled.
     */
    private Multi<Object> export(Snapshot snapshot) {
        Dataset dataset = snapshot.dataset();
        ArrayNode sort = JSON.arrayNode();
        sort.addObject().put(dataset.keyField(), "asc");
        IndexPager.Request request = new IndexPager.Request(PublicationRules.publicBool(dataset, snapshot.today()), sort,
                CursorCodec.fingerprint("export", dataset.path(), snapshot.pit().id()), config.exportPageSize(), null,
                null, false);
        return pager.all(snapshot.pit(), request, doc -> views.openView(dataset, doc))
                .onTermination().call(() -> pager.close(snapshot.pit()));
    }

    FeedViews.Change change(Dataset dataset, JsonNode doc, LocalDate today) {
        String id = doc.path(dataset.keyField()).asText();
        String reason = PublicationRules.withdrawal(dataset, doc, today);
        return reason != null ? new FeedViews.Change("withdraw", id, reason, null)
                : new FeedViews.Change("upsert", id, null, views.openView(dataset, doc));
    }
}
