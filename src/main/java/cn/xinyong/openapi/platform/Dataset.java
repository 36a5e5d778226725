package cn.xinyong.openapi.platform;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of record the platform feeds, each with its feed name and its search index. */
public enum Dataset {
    /** 市场主体 / 组织: registration basics and credit grade. */
    ENTITY("entity", "entities"),
    /** 行政许可决定. */
    LICENCE("licence", "licences"),
    /** 行政处罚决定. */
    PENALTY("penalty", "penalties"),
    /** 红黑名单条目: one subject's membership of one list. */
    LIST_ENTRY("listEntry", "list-entries"),
    /** 信用承诺. */
    COMMITMENT("commitment", "commitments"),
    /** 自然人信用记录: never public, never in a search index; read only with the person's consent. */
    PERSON_RECORD("personRecord", null);

    private final String feedName;
    private final String indexName;

    Dataset(String feedName, String indexName) {
        this.feedName = feedName;
        this.indexName = indexName;
    }

    /** The name in feed lines and in the Redis read model. */
    public String feedName() {
        return feedName;
    }

    /** The alias (without the configured prefix) under which its search index is reached. */
    public String indexName() {
        return indexName;
    }

    /** Whether the dataset has a search index (personal records never do). */
    public boolean searchable() {
        return indexName != null;
    }

    /** The datasets with a search index. */
    public static java.util.List<Dataset> searchables() {
        return Arrays.stream(values()).filter(Dataset::searchable).toList();
    }

    public static Optional<Dataset> byFeedName(String name) {
        return Arrays.stream(values()).filter(d -> d.feedName.equals(name)).findFirst();
    }
}
