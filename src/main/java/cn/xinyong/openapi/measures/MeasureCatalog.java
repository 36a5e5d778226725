package cn.xinyong.openapi.measures;

import cn.xinyong.openapi.platform.config.WatchedConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The measure catalogue in force (联合奖惩措施清单), as configuration operators change without a release:
 * validated strictly at start (an invalid one stops the service) and on every reload or replacement (an
 * invalid one is refused with the measure named and the catalogue in force stays).
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class MeasureCatalog {

    @ConfigMapping(prefix = "xinyong.measures")
    public interface MeasuresConfig {
        /** A catalogue file on disk, watched for changes; the built-in catalogue when absent. */
        Optional<Path> catalogueFile();

        /** How long a check's signed decision holds. */
        @WithDefault("P1D")
        Duration decisionTtl();

        /**
         * How long a partner's signed decision is answered again for the same subject and matter while nothing
         * it rests on has changed (the subject's records, its legal representative's, the catalogue); 0 signs
         * every check anew.
         */
        @WithDefault("60s")
        Duration decisionReuse();

        /** Decisions kept for reuse at most (per instance). */
        @WithDefault("100000")
        int decisionReuseEntries();
    }

    private final WatchedConfig<MeasureCatalogue> catalogue;

    MeasureCatalog(ObjectMapper mapper, MeasuresConfig config) {
        MeasureParser parser = new MeasureParser(mapper);
        this.catalogue = new WatchedConfig<>("measure catalogue", config.catalogueFile(), "measures/measures.json",
                parser::parse);
        Log.infof("measure catalogue %s in force: %d measures, %d matters", current().version(),
                current().measures().size(), current().matters().size());
    }

    public MeasureCatalogue current() {
        return catalogue.current();
    }

    /** Replaces the catalogue (the internal endpoint); throws {@link MeasureParser.InvalidCatalogue} and keeps it if invalid. */
    public MeasureCatalogue replace(byte[] json) {
        return catalogue.replace(json);
    }

    @Scheduled(every = "30s", delayed = "30s")
    void watch() {
        catalogue.reloadIfChanged();
    }
}
