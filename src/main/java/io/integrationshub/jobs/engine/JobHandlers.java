package io.integrationshub.jobs.engine;

import io.integrationshub.jobs.api.JobHandler;
import io.integrationshub.jobs.api.JobTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The {@link JobHandler} beans by type; two handlers of one type are a deployment error. */
@ApplicationScoped
public class JobHandlers {
    private final Map<String, JobHandler> byType;

    @Inject
    public JobHandlers(@Any Instance<JobHandler> handlers) {
        this(handlers.stream().toList());
    }

    /** Handlers given by hand: another engine instance in this JVM with its own job types. */
    public JobHandlers(Collection<JobHandler> handlers) {
        Map<String, JobHandler> map = new TreeMap<>();
        for (JobHandler handler : handlers) {
            String type = handler.type();
            if (!JobTypes.isValidName(type)) {
                throw new IllegalStateException("job handler " + handler.getClass().getName() + " has an invalid type: " + type);
            }
            JobHandler previous = map.put(type, handler);
            if (previous != null) {
                throw new IllegalStateException("two job handlers for type " + type + ": "
                        + previous.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        this.byType = Map.copyOf(map);
    }

    public Optional<JobHandler> forType(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Set<String> types() {
        return byType.keySet();
    }

    /** Types clients may filter by: the documented ones and any with a handler here. */
    public boolean isKnownType(String type) {
        return JobTypes.DOCUMENTED.contains(type) || byType.containsKey(type);
    }

    Collection<JobHandler> all() {
        return byType.values();
    }
}
