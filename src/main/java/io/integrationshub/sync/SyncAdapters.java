package io.integrationshub.sync;

import io.integrationshub.sync.ProviderFailure.Kind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The adapter of each provider that supports sync (teams has none). The adapters it
 * hands out are guarded: whatever they fail with reaches the caller as a {@link ProviderFailure}
 * whose message holds none of the source's credential values.
 */
@ApplicationScoped
public class SyncAdapters {
    private final Map<String, SyncAdapter> byProvider;

    @Inject
    public SyncAdapters(Instance<SyncAdapter> adapters) {
        this(adapters.stream().toList());
    }

    public SyncAdapters(Collection<? extends SyncAdapter> adapters) {
        Map<String, SyncAdapter> map = new TreeMap<>();
        for (SyncAdapter adapter : adapters) {
            if (map.put(adapter.provider(), new Guarded(adapter)) != null) {
                throw new IllegalStateException("two sync adapters for provider " + adapter.provider());
            }
        }
        this.byProvider = Map.copyOf(map);
    }

    public Optional<SyncAdapter> forProvider(String id) {
        return Optional.ofNullable(id == null ? null : byProvider.get(id));
    }

    public Set<String> providers() {
        return new TreeMap<>(byProvider).keySet();
    }

    /** Replaces every credential value (4+ characters) found in a message; the adapters should never put one there. */
    static String redact(String message, Map<String, String> credentials) {
        String m = message == null ? "" : message;
        List<String> values = credentials.values().stream()
                .filter(v -> v != null && v.length() >= 4)
                .sorted((a, b) -> b.length() - a.length())
                .toList();
        for (String v : values) {
            m = m.replace(v, "[redacted]");
        }
        return m;
    }

    private record Guarded(SyncAdapter delegate) implements SyncAdapter {
        @Override
        public String provider() {
            return delegate.provider();
        }

        @Override
        public String cannotSync(com.fasterxml.jackson.databind.JsonNode configuration) {
            return delegate.cannotSync(configuration);
        }

        @Override
        public Uni<List<DiscoveredResource>> discover(SyncSource source) {
            return Uni.createFrom().deferred(() -> delegate.discover(source))
                    .onFailure().transform(t -> {
                        if (t instanceof ProviderFailure f) {
                            String safe = redact(f.getMessage(), source.credentials());
                            return safe.equals(f.getMessage()) ? f
                                    : new ProviderFailure(f.kind(), safe, f.providerStatus(), f.retryAt());
                        }
                        return new ProviderFailure(Kind.PERMANENT, delegate.provider()
                                + " sync failed unexpectedly (" + t.getClass().getSimpleName() + ")");
                    });
        }
    }
}
