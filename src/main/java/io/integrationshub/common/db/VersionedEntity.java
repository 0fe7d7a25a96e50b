package io.integrationshub.common.db;

import io.integrationshub.common.Times;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/**
 * The columns of a resource the API versions (API.md 1.3): its id, when it was created and last changed, and the
 * optimistic-lock {@code version} that its {@code ETag} shows and {@code If-Match} checks.
 */
@MappedSuperclass
public abstract class VersionedEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public int version;

    /**
     * Marks a change of the resource's representation: {@code updated_at} from the application clock
     * ({@link Times#now()}, like {@code created_at}); {@code version} moves by {@link Version} when the row is flushed.
     */
    public void touch() {
        updatedAt = Times.now();
    }
}
