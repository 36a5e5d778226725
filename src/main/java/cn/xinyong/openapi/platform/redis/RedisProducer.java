package cn.xinyong.openapi.platform.redis;

import io.smallrye.common.annotation.Identifier;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The two Redis connections: the read model's (unqualified) and the rate limiter's ({@code ratelimit}). */
@Singleton
class RedisProducer {

    /** The rate limiter's connection. */
    static final String RATE_LIMIT = "ratelimit";

    @Produces
    @Singleton
    @Default
    RedisNodes readModel(Vertx vertx, RedisConfig config) {
        return new RedisNodes(vertx, config.readModel());
    }

    @Produces
    @Singleton
    @Identifier(RATE_LIMIT)
    RedisNodes rateLimit(Vertx vertx, RedisConfig config) {
        return new RedisNodes(vertx, config.rateLimit());
    }

    void close(@Disposes @Default RedisNodes nodes) {
        nodes.close();
    }

    void closeRateLimit(@Disposes @Identifier(RATE_LIMIT) RedisNodes nodes) {
        nodes.close();
    }
}
