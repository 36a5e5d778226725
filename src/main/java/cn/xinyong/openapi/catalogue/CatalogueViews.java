package cn.xinyong.openapi.catalogue;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The dataset catalogue (公共信用信息目录), named after DCAT's terms (dcat:Catalog, dcat:Dataset, dcat:Distribution). */
public final class CatalogueViews {

    private CatalogueViews() {
    }

    /** A text in Chinese and in English. */
    @RegisterForReflection
    @Schema(name = "CatalogueText", description = "A text in Chinese (zh) and English (en)")
    public record Text(String zh, String en) {
    }

    /** One field of a dataset's records. */
    @RegisterForReflection
    @Schema(name = "CatalogueField", description = "One field of a dataset's records, in export column order")
    public record Field(
            @Schema(description = "Field name in the JSON records and the CSV header") String name,
            @Schema(description = "string, date (ISO-8601), integer, number, boolean or array (joined with ';' in CSV)",
                    enumeration = {"string", "date", "integer", "number", "boolean", "array"}) String type,
            @Schema(description = "中文名称") String label) {
    }

    /** One way to get a dataset (dcat:Distribution). */
    @io.quarkus.runtime.annotations.RegisterForReflection
    @Schema(name = "CatalogueDistribution", description = "One way to get a dataset (dcat:Distribution)")
    public record Distribution(
            @Schema(description = "What it is") String title,
            @Schema(description = "dcat:mediaType") String mediaType,
            @Schema(description = "dcat:accessURL") String accessUrl) {
    }

    /** One dataset (dcat:Dataset). */
    @io.quarkus.runtime.annotations.RegisterForReflection
    @Schema(name = "CatalogueDataset", description = "One public dataset (dcat:Dataset)")
    public record Dataset(
            @Schema(description = "dct:identifier: the dataset's path in feeds, exports and statistics") String identifier,
            @Schema(description = "dct:title") Text title,
            @Schema(description = "dct:description") Text description,
            @Schema(description = "dcat:keyword") List<String> keywords,
            @Schema(description = "dct:license") String license,
            @Schema(description = "dct:accrualPeriodicity: how it is updated") String accrualPeriodicity,
            @Schema(description = "dct:modified: the last change of a public record; absent when it has none") Instant modified,
            @Schema(description = "Public records now") long records,
            @Schema(description = "The records' fields, in export column order") List<Field> fields,
            @Schema(description = "dcat:distribution: feed, exports, dumps and statistics") List<Distribution> distributions) {
    }

    /** The catalogue (dcat:Catalog). */
    @io.quarkus.runtime.annotations.RegisterForReflection
    @Schema(name = "Catalogue", description = "公共信用信息目录: every public dataset (dcat:Catalog)")
    public record Catalogue(Text title, Text description, String publisher, String license, String homepage,
            List<Dataset> datasets) {
    }
}
