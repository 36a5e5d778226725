package cn.xinyong.openapi.measures;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed catalogue: its version, the matters vocabulary and the measures, in file order. */
public record MeasureCatalogue(String version, Map<String, String> matters, List<Measure> measures, String etag) {

    public Optional<Measure> measure(String code) {
        return measures.stream().filter(m -> m.code().equals(code)).findFirst();
    }

    /** The measures for a matter, in catalogue order. */
    public List<Measure> forMatter(String matter) {
        return measures.stream().filter(m -> m.appliesTo(matter)).toList();
    }
}
