package cn.xinyong.openapi.platform.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * PostgreSQL work through Hibernate Reactive that always runs to its end. A client that goes away cancels the
 * request's Uni; cancelled mid-flight, a Hibernate Reactive session can keep its pooled connection for ever
 * (quarkusio/quarkus#51576, hibernate-reactive#4133), and a few hundred disconnects starve the pool until every
 * PostgreSQL-backed request hangs (seen under load). Here the work is subscribed on its own: a cancellation only
 * stops the caller from waiting, and the session closes and returns its connection as it would have.
 */
public final class Database {

    private Database() {
    }

    /** {@link Panache#withTransaction(Supplier)}, run to its end whatever the caller does. */
    public static <T> Uni<T> transaction(Supplier<Uni<T>> work) {
        return shielded(() -> Panache.withTransaction(work));
    }

    /** {@link Panache#withSession(Supplier)}, run to its end whatever the caller does. */
    public static <T> Uni<T> session(Supplier<Uni<T>> work) {
        return shielded(() -> Panache.withSession(work));
    }

    private static <T> Uni<T> shielded(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> work.get().subscribe().with(emitter::complete, emitter::fail));
    }
}
