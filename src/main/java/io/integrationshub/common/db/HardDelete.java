package io.integrationshub.common.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Hard deletes of one row, by id, as a single DELETE statement in the current session's transaction.
 *
 * <p>Never delete through {@code session.remove(entity)} / {@code repository.delete(entity)} /
 * {@code deleteById}: Hibernate Reactive (3.2) runs those through one {@code ReactiveDeleteCoordinator}
 * per entity type that keeps the in-flight statement in a field, so two sessions deleting rows of the
 * same type at once complete each other's futures on the wrong event loop (HR000069, then HR000090
 * and a connection left in a transaction; hibernate-reactive issue 1713). A mutation query has no
 * shared state. Child rows go with the parent through the schema's ON DELETE CASCADE.
 */
public final class HardDelete {
    private HardDelete() {
    }

    /** Deletes the row of {@code entity} whose id is {@code id}; the loaded instance, if any, leaves the session. */
    public static Uni<Integer> byId(Class<?> entity, Object id, Object loaded) {
        return Panache.getSession().chain(session -> {
            Uni<Void> detach = loaded == null ? Uni.createFrom().voidItem()
                    : session.flush().invoke(() -> session.detach(loaded));
            return detach.chain(() -> session.createMutationQuery(
                            "delete from " + entityName(entity) + " where id = :id")
                    .setParameter("id", id)
                    .executeUpdate());
        });
    }

    private static String entityName(Class<?> entity) {
        jakarta.persistence.Entity annotation = entity.getAnnotation(jakarta.persistence.Entity.class);
        return annotation != null && !annotation.name().isEmpty() ? annotation.name() : entity.getSimpleName();
    }
}
