package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.readmodel.record.CommitmentRecord;
import cn.xinyong.openapi.readmodel.record.EntityRecord;
import cn.xinyong.openapi.readmodel.record.ListCatalog;
import cn.xinyong.openapi.readmodel.record.FeedRecord;
import cn.xinyong.openapi.readmodel.record.LicenceRecord;
import cn.xinyong.openapi.readmodel.record.ListEntryRecord;
import cn.xinyong.openapi.readmodel.record.PenaltyRecord;
import cn.xinyong.openapi.readmodel.record.PersonRecord;
import cn.xinyong.openapi.readmodel.record.Vocabulary;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the service knows about one kind of record the platform feeds, in one entry: its name in
 * the feed and in Redis, its index, its API path, its date and category fields, its CSV columns and
 * whether the public may see it. Adding a dataset is adding an entry here (and its index definition).
 */
public enum Dataset {
    /** 市场主体 / 组织: registration basics and credit grade. */
    ENTITY("entity", "entities", "entities", EntityRecord.class, "registeredOn", null, Set.of(), "uscc", false,
            List.of("uscc", "version", "name", "kind", "status", "legalRepresentative", "registrationAuthority", "regionCode",
                    "registeredOn", "industry", "address", "creditGrade")),
    /** 行政许可决定 (双公示). */
    LICENCE("licence", "licences", "licences", LicenceRecord.class, "decisionDate", "category",
            Vocabulary.LICENCE_CATEGORIES.keySet(), "id", true,
            List.of("id", "version", "subjectId", "subjectName", "documentName", "documentNumber", "category",
                    "certificateName", "certificateNumber", "content", "decisionDate", "validFrom", "validTo",
                    "authority", "authorityCode", "dataSource", "publishedOn")),
    /** 行政处罚决定 (双公示). */
    PENALTY("penalty", "penalties", "penalties", PenaltyRecord.class, "decisionDate", "categories",
            Vocabulary.PENALTY_CATEGORIES.keySet(), "id", true,
            List.of("id", "version", "subjectId", "subjectName", "decisionNumber", "violationType", "facts",
                    "legalBasis", "categories", "content", "fineAmount", "confiscationAmount", "decisionDate",
                    "publicationEnd", "authority", "authorityCode", "severity", "dataSource", "publishedOn")),
    /** 红黑名单条目: one subject's membership of one list. */
    LIST_ENTRY("listEntry", "list-entries", "list-entries", ListEntryRecord.class, "listedOn", "list",
            ListCatalog.codes(), "id", false,
            List.of("id", "version", "list", "listName", "subjectId", "subjectName", "reason", "authority",
                    "authorityCode", "legalBasis", "listedOn", "removeBy", "removedOn")),
    /** 信用承诺. */
    COMMITMENT("commitment", "commitments", "commitments", CommitmentRecord.class, "committedOn", "type",
            Vocabulary.COMMITMENT_TYPES.keySet(), "id", true,
            List.of("id", "version", "subjectId", "subjectName", "type", "content", "matter", "committedOn",
                    "authority", "authorityCode", "fulfilment")),
    /**
     * 自然人信用记录: never public. Indexed privately (by the keyed hash of the ID only) so the Redis cache
     * can be rebuilt; read only through the person's consent, never searched or exported.
     */
    PERSON_RECORD("personRecord", "person-records", null, PersonRecord.class, "decidedOn", "kind",
            PersonRecord.KINDS.keySet(), "id", false, List.of());

    private final String feedName;
    private final String indexName;
    private final String path;
    private final Class<? extends FeedRecord> recordType;
    private final String dateField;
    private final String categoryField;
    private final Set<String> categories;
    private final String keyField;
    private final boolean disclosure;
    private final List<String> columns;

    Dataset(String feedName, String indexName, String path, Class<? extends FeedRecord> recordType, String dateField,
            String categoryField, Set<String> categories, String keyField, boolean disclosure, List<String> columns) {
        this.feedName = feedName;
        this.indexName = indexName;
        this.path = path;
        this.recordType = recordType;
        this.dateField = dateField;
        this.categoryField = categoryField;
        this.categories = categories;
        this.keyField = keyField;
        this.disclosure = disclosure;
        this.columns = columns;
    }

    /** The name in feed lines and in the Redis read model. */
    public String feedName() {
        return feedName;
    }

    /** The alias (without the configured prefix) under which its index is reached. */
    public String indexName() {
        return indexName;
    }

    /** The API path segment (feeds, exports, statistics, disclosures); null when never public. */
    public String path() {
        return path;
    }

    /** The record type of an upsert's {@code data}. */
    public Class<? extends FeedRecord> recordType() {
        return recordType;
    }

    /** The date the dataset is sorted and counted by (decision, listing, commitment or registration date). */
    public String dateField() {
        return dateField;
    }

    /** The field holding the category code, or null. */
    public String categoryField() {
        return categoryField;
    }

    /** The allowed category codes. */
    public Set<String> categories() {
        return categories;
    }

    /** The field that identifies a record in feeds and exports ({@code uscc} for entities, else {@code id}). */
    public String keyField() {
        return keyField;
    }

    /** Whether it is a 双公示 / commitment disclosure kind (licences, penalties, commitments). */
    public boolean disclosure() {
        return disclosure;
    }

    /** Whether anything of it is ever public (feeds, exports, search). */
    public boolean isPublic() {
        return path != null;
    }

    /** CSV columns of its export, in order. */
    public List<String> columns() {
        return columns;
    }

    /** Every dataset: each has an index (personal records a private one). */
    public static List<Dataset> indexed() {
        return List.of(values());
    }

    public static Optional<Dataset> byFeedName(String name) {
        return Arrays.stream(values()).filter(d -> d.feedName.equals(name)).findFirst();
    }

    /** A public dataset by its API path segment. */
    public static Optional<Dataset> byPath(String path) {
        return Arrays.stream(values()).filter(d -> d.path != null && d.path.equals(path)).findFirst();
    }

    /** The dataset whose index (or alias) this is, given the alias prefix. */
    public static Optional<Dataset> byIndex(String prefix, String index) {
        Dataset best = null;
        for (Dataset d : values()) {
            String alias = prefix + d.indexName;
            if ((index.equals(alias) || index.startsWith(alias + "-"))
                    && (best == null || d.indexName.length() > best.indexName.length())) {
                best = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The Redis field of a record of this dataset in its subject's hash. */
    public String field(String id) {
        return this == ENTITY ? "entity" : feedName + ":" + id;
    }
}
