package io.integrationshub.orgs;

import io.integrationshub.common.db.VersionedEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.Map;
import java.util.UUID;

@Entity
@Table(name = "organisations")
public class Organisation extends VersionedEntity {
    public UUID groupId;
    public String name;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> profile;
}
