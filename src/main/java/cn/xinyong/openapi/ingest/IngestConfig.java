package cn.xinyong.openapi.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** How the platform feed reaches the read model. */
@ConfigMapping(prefix = "xinyong.ingest")
public interface IngestConfig {

    /**
     * Bearer token of {@code /internal/*}; checked by platform security ({@code InternalToken}). Without one
     * every internal call is refused.
     */
    Optional<String> token();

    /** Largest ingest request body; a larger one is refused (413) before anything is applied. */
    @WithDefault("16M")
    io.quarkus.runtime.configuration.MemorySize maxBody();

    /** Events projected per round trip to Redis and OpenSearch. */
    @WithDefault("500")
    int chunkSize();

    /** How many rejected lines a report lists in full (all are counted). */
    @WithDefault("200")
    int maxListedRejections();

    /** Synthetic sample loaded at start-up when the read model is empty (the run command's data). */
    Sample sample();

    interface Sample {
        /** Number of sample entities to generate and load at start-up; 0 loads none. */
        @WithDefault("0")
        int entities();

        /** Seed of the generator: the same seed gives the same data. */
        @WithDefault("20261125")
        long seed();
    }
}
