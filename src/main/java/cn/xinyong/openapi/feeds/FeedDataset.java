package cn.xinyong.openapi.feeds;

import cn.xinyong.openapi.disclosure.DisclosureKind;
import cn.xinyong.openapi.platform.Dataset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The datasets open-data consumers can follow and export, with their CSV columns. */
public enum FeedDataset {
    ENTITIES("entities", Dataset.ENTITY, null, List.of("uscc", "name", "kind", "status", "legalRepresentative",
            "registrationAuthority", "regionCode", "registeredOn", "industry", "address", "creditGrade")),
    LICENCES("licences", Dataset.LICENCE, DisclosureKind.LICENCES, List.of("id", "version", "subjectId", "subjectName",
            "documentName", "documentNumber", "category", "certificateName", "certificateNumber", "content",
            "decisionDate", "validFrom", "validTo", "authority", "authorityCode", "dataSource", "publishedOn")),
    PENALTIES("penalties", Dataset.PENALTY, DisclosureKind.PENALTIES, List.of("id", "version", "subjectId",
            "subjectName", "decisionNumber", "violationType", "facts", "legalBasis", "categories", "content",
            "fineAmount", "confiscationAmount", "decisionDate", "publicationEnd", "authority", "authorityCode",
            "severity", "dataSource", "publishedOn")),
    COMMITMENTS("commitments", Dataset.COMMITMENT, DisclosureKind.COMMITMENTS, List.of("id", "version", "subjectId",
            "subjectName", "type", "content", "matter", "committedOn", "authority", "authorityCode", "fulfilment")),
    LIST_ENTRIES("list-entries", Dataset.LIST_ENTRY, null, List.of("id", "list", "listName", "subjectId",
            "subjectName", "reason", "authority", "authorityCode", "legalBasis", "listedOn", "removeBy", "removedOn",
            "current"));

    private final String path;
    private final Dataset dataset;
    private final DisclosureKind disclosure;
    private final List<String> columns;

    FeedDataset(String path, Dataset dataset, DisclosureKind disclosure, List<String> columns) {
        this.path = path;
        this.dataset = dataset;
        this.disclosure = disclosure;
        this.columns = columns;
    }

    public String path() {
        return path;
    }

    public Dataset dataset() {
        return dataset;
    }

    /** The disclosure kind whose public view the feed uses, or null for entities and list entries. */
    public DisclosureKind disclosure() {
        return disclosure;
    }

    public List<String> columns() {
        return columns;
    }

    public static Optional<FeedDataset> byPath(String path) {
        return Arrays.stream(values()).filter(d -> d.path.equals(path)).findFirst();
    }
}
