package cn.xinyong.openapi.measures;

import cn.xinyong.openapi.platform.config.SharedConfig;
import cn.xinyong.openapi.platform.config.SharedConfigs;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The measure catalogue in force (联合奖惩措施清单), as configuration operators change without a release:
 * validated strictly at start (an invalid one stops the service) and on every reload or replacement (an
 * invalid one is refused with the measure named and the catalogue in force stays). Every instance shares it
 * ({@link SharedConfig}): a replacement on one reaches the others within seconds.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class MeasureCatalog {

    @ConfigMapping(prefix = "xinyong.measures")
    public interface MeasuresConfig {
        /**
         * A catalogue file on disk, watched for changes (a change is stored for every instance); the built-in
         * catalogue when absent. A shared revision stored in PostgreSQL wins over either at start.
         */
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

    /** The stored name of the shared catalogue. */
    public static final String SHARED_NAME = "measures.catalogue";

    private final SharedConfig<MeasureCatalogue> catalogue;

    MeasureCatalog(ObjectMapper mapper, MeasuresConfig config, SharedConfigs shared) {
        MeasureParser parser = new MeasureParser(mapper);
        this.catalogue = shared.open(SHARED_NAME, "measure catalogue", config.catalogueFile(), "measures/measures.json",
                parser::parse);
        Log.infof("measure catalogue %s in force: %d measures, %d matters", current().version(),
                current().measures().size(), current().matters().size());
    }

    public MeasureCatalogue current() {
        return catalogue.current();
    }

    /** The shared revision in force (0: the built-in or file catalogue, nothing stored yet). */
    public long revision() {
        return catalogue.inForce().revision();
    }

    /**
     * Replaces the catalogue for every instance (the internal endpoint): fails with
     * {@link MeasureParser.InvalidCatalogue} when invalid, and changes nothing then.
     */
    public Uni<SharedConfig.InForce<MeasureCatalogue>> replace(byte[] json) {
        return catalogue.replace(json);
    }
}
