package cn.xinyong.openapi.catalogue;

import cn.xinyong.openapi.platform.config.ClasspathResources;
import cn.xinyong.openapi.readmodel.Dataset;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The datasets' titles, descriptions and field labels ({@code catalogue/datasets.json}): data, not code. Checked at
 * start against the datasets themselves: every public dataset is described, and its fields are exactly its export
 * columns in order, so the catalogue cannot drift from what the exports hold.
 */
final class DatasetDescriptions {

    @RegisterForReflection
    record Description(String dataset, CatalogueViews.Text title, CatalogueViews.Text description, List<String> keywords,
            List<CatalogueViews.Field> fields) {
    }

    @RegisterForReflection
    record File(List<Description> datasets) {
    }

    private DatasetDescriptions() {
    }

    /** The descriptions in the file, by dataset; throws if one is missing or its fields differ from the columns. */
    static Map<Dataset, Description> load(ObjectMapper mapper) {
        File file;
        try {
            file = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(ClasspathResources.bytes("catalogue/datasets.json"), File.class);
        } catch (IOException e) {
            throw new UncheckedIOException("catalogue/datasets.json is unreadable", e);
        }
        Map<Dataset, Description> out = new LinkedHashMap<>();
        for (Dataset d : Dataset.values()) {
            if (!d.isPublic()) {
                continue;
            }
            Description description = file.datasets().stream().filter(x -> d.path().equals(x.dataset())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("catalogue/datasets.json does not describe " + d.path()));
            List<String> names = description.fields().stream().map(CatalogueViews.Field::name).toList();
            if (!names.equals(d.columns())) {
                throw new IllegalStateException("catalogue/datasets.json: the fields of " + d.path() + " are " + names
                        + ", its export columns " + d.columns());
            }
            out.put(d, description);
        }
        return out;
    }
}
