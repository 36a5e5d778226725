package cn.xinyong.openapi.platform.config;

import cn.xinyong.openapi.platform.problem.BackendUnavailableException;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The configuration documents every instance shares (table {@code shared_config}): per configuration the
 * document in force, its SHA-256 digest and a revision that only grows. The one owner of that table.
 */
@ApplicationScoped
public class SharedConfigStore {

    @ConfigMapping(prefix = "xinyong.shared-config")
    public interface SharedConfigSettings {
        /** How often every instance looks for a newer shared revision (one small query per configuration). */
        @WithDefault("2s")
        Duration pollEvery();

        /**
         * Prefix of the stored configuration names: deployments (or test runs) sharing one database keep their
         * configuration apart with their own.
         */
        Optional<String> scope();

        /** How often an instance looks whether its configuration file (when one is configured) changed. */
        @WithDefault("10s")
        Duration fileCheckEvery();

        /** How long the start waits for the stored revision before it starts with its own and polls. */
        @WithDefault("5s")
        Duration startTimeout();
    }

    /** What a configuration's row says, without the document. */
    public record Head(long revision, String digest, Instant updatedAt) {
    }

    /** A stored revision with its document. */
    public record Revision(long revision, String digest, Instant updatedAt, byte[] document) {
        public Head head() {
            return new Head(revision, digest, updatedAt);
        }
    }

    private final Pool pool;
    private final String scope;

    SharedConfigStore(Pool pool, SharedConfigSettings settings) {
        this.pool = pool;
        this.scope = settings.scope().orElse("");
    }

    /** The SHA-256 of a document, 64 lower-case hex characters. */
    public static String digest(byte[] document) {
        return cn.xinyong.openapi.platform.text.Sha256.hex(document);
    }

    /** The configuration's revision and digest (a null item when nothing is stored): what a poll reads. */
    public Uni<Head> head(String name) {
        return pool.preparedQuery("SELECT revision, digest, updated_at FROM shared_config WHERE name = $1")
                .execute(Tuple.of(scope + name))
                .map(rows -> rows.size() == 0 ? null : head(rows.iterator().next()))
                .onFailure().transform(e -> unavailable("read", name, e));
    }

    /** The stored revision with its document; a null item when nothing is stored. */
    public Uni<Revision> read(String name) {
        return pool.preparedQuery("SELECT revision, digest, updated_at, document FROM shared_config WHERE name = $1")
                .execute(Tuple.of(scope + name))
                .map(rows -> rows.size() == 0 ? null : revision(rows.iterator().next()))
                .onFailure().transform(e -> unavailable("read", name, e));
    }

    /**
     * Stores the document as the configuration's next revision, unless the stored one has the same digest
     * already; either way the revision in force afterwards. The caller has validated the document.
     */
    public Uni<Head> publish(String name, byte[] document) {
        String digest = digest(document);
        return pool.preparedQuery("""
                INSERT INTO shared_config (name, document, digest, revision, updated_at) VALUES ($1, $2, $3, 1, now())
                ON CONFLICT (name) DO UPDATE SET document = excluded.document, digest = excluded.digest,
                    revision = shared_config.revision + 1, updated_at = excluded.updated_at
                WHERE shared_config.digest <> excluded.digest
                RETURNING revision, digest, updated_at""")
                .execute(Tuple.of(scope + name, Buffer.buffer(document), digest))
                .flatMap(rows -> rows.size() == 1 ? Uni.createFrom().item(head(rows.iterator().next())) : head(name))
                .onFailure(e -> !(e instanceof BackendUnavailableException)).transform(e -> unavailable("store", name, e));
    }

    private static Head head(Row row) {
        return new Head(row.getLong("revision"), row.getString("digest"), row.getOffsetDateTime("updated_at").toInstant());
    }

    private static Revision revision(Row row) {
        return new Revision(row.getLong("revision"), row.getString("digest"), row.getOffsetDateTime("updated_at").toInstant(),
                row.getBuffer("document").getBytes());
    }

    private static BackendUnavailableException unavailable(String action, String name, Throwable e) {
        return new BackendUnavailableException("could not " + action + " the shared " + name + " in PostgreSQL: "
                + e.getMessage(), e);
    }
}
