package cn.xinyong.openapi.measures;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed catalogue: its version, the matters vocabulary and the measures, in file order. */
public record MeasureCatalogue(String version, Map<String, String> matters, List<Measure> measures, String etag,
        Map<String, List<Measure>> byMatter) {

    public MeasureCatalogue(String version, Map<String, String> matters, List<Measure> measures, String etag) {
        this(version, matters, measures, etag, index(matters, measures));
    }

    private static Map<String, List<Measure>> index(Map<String, String> matters, List<Measure> measures) {
        Map<String, List<Measure>> out = new LinkedHashMap<>();
        matters.keySet().forEach(matter -> out.put(matter, measures.stream().filter(m -> m.appliesTo(matter)).toList()));
        return Map.copyOf(out);
    }

    public Optional<Measure> measure(String code) {
        return measures.stream().filter(m -> m.code().equals(code)).findFirst();
    }

    /** The measures for a matter, in catalogue order (worked out once per catalogue: every check asks). */
    public List<Measure> forMatter(String matter) {
        return byMatter.getOrDefault(matter, List.of());
    }
}
