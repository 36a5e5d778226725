package cn.xinyong.openapi.disclosure;

import cn.xinyong.openapi.ingest.feed.CommitmentRecord;
import cn.xinyong.openapi.ingest.feed.FeedRecord;
import cn.xinyong.openapi.ingest.feed.LicenceRecord;
import cn.xinyong.openapi.ingest.feed.PenaltyRecord;
import cn.xinyong.openapi.ingest.feed.Vocabulary;
import cn.xinyong.openapi.platform.Dataset;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The 双公示 and commitment datasets as the disclosure API names them. */
public enum DisclosureKind {
    /** 行政许可. */
    LICENCES("licences", Dataset.LICENCE, "decisionDate", "category", LicenceRecord.class,
            Vocabulary.LICENCE_CATEGORIES.keySet()),
    /** 行政处罚. */
    PENALTIES("penalties", Dataset.PENALTY, "decisionDate", "categories", PenaltyRecord.class,
            Vocabulary.PENALTY_CATEGORIES.keySet()),
    /** 信用承诺. */
    COMMITMENTS("commitments", Dataset.COMMITMENT, "committedOn", "type", CommitmentRecord.class,
            Vocabulary.COMMITMENT_TYPES.keySet());

    private final String path;
    private final Dataset dataset;
    private final String dateField;
    private final String categoryField;
    private final Class<? extends FeedRecord> recordType;
    private final Set<String> categories;

    DisclosureKind(String path, Dataset dataset, String dateField, String categoryField,
            Class<? extends FeedRecord> recordType, Set<String> categories) {
        this.path = path;
        this.dataset = dataset;
        this.dateField = dateField;
        this.categoryField = categoryField;
        this.recordType = recordType;
        this.categories = categories;
    }

    public String path() {
        return path;
    }

    public Dataset dataset() {
        return dataset;
    }

    public String dateField() {
        return dateField;
    }

    public String categoryField() {
        return categoryField;
    }

    public Class<? extends FeedRecord> recordType() {
        return recordType;
    }

    public Set<String> categories() {
        return categories;
    }

    public static Optional<DisclosureKind> byPath(String path) {
        return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
    }
}
