package io.integrationshub.projects;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps members' display profiles (API.md 9: from the member's own token claims name,
 * preferred_username, picture) in member_profiles and on their collaborator rows. Cheap on the hot
 * path: each instance remembers a hash of the claims it last stored per member and touches the
 * database only when a member shows claims it has not stored yet, and writes only rows whose
 * profile really changed ({@link MemberProfileRepository}).
 */
// On every request's path: a @Singleton is injected as itself, with no client proxy to look it up per call.
@Singleton
public class MemberProfiles {
    private static final Logger LOG = Logger.getLogger(MemberProfiles.class);
    /** Bounds the memory of the claims cache; when full it starts over (the database stays right). */
    static final int MAX_CACHED_MEMBERS = 100_000;
    /** A slow database must not hold requests back for long: the refresh is retried on a later call. */
    static final Duration REFRESH_TIMEOUT = Duration.ofMillis(500);

    private final Map<String, String> storedHashes = new ConcurrentHashMap<>();
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();

    private final MemberProfileRepository repository;
    private final Vertx vertx;

    public MemberProfiles(MemberProfileRepository repository, Vertx vertx) {
        this.repository = repository;
        this.vertx = vertx;
    }

    /**
     * Stores the member's profile if it differs from what this instance last stored; never fails.
     * Waits at most {@link #REFRESH_TIMEOUT} for the write, which completes (and is remembered) even
     * when the request stopped waiting; concurrent requests of one member share one write. {@code hash} is
     * {@link #hash} of the three claims (the augmentor keeps it per verified token).
     */
    Uni<Void> refresh(String accountId, String name, String displayName, String avatar, String hash) {
        if (accountId == null || accountId.isEmpty() || accountId.length() > CollaboratorService.MAX_MEMBER_ID_LENGTH) {
            return Uni.createFrom().voidItem();
        }
        if (hash.equals(storedHashes.get(accountId))) {
            return Uni.createFrom().voidItem();
        }
        InFlight write = inFlight.compute(accountId, (id, current) -> current != null && current.hash().equals(hash)
                ? current : new InFlight(hash, new CompletableFuture<>()));
        if (write.started().compareAndSet(false, true)) {
            // The write outlives the request: it runs in a session and transaction of its own, on a context of its
            // own, so that it never shares the request's Hibernate Reactive session.
            Context writer = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(writer, true);
            writer.runOnContext(start -> Panache.withTransaction(() -> repository.store(accountId, name, displayName, avatar, hash))
                    .subscribe().with(ok -> {
                        remember(accountId, hash);
                        inFlight.remove(accountId, write);
                        write.done().complete(null);
                    }, failure -> {
                        LOG.debugf("member profile not refreshed this time: %s", failure.toString());
                        inFlight.remove(accountId, write);
                        write.done().complete(null);
                    }));
        }
        Context caller = Vertx.currentContext();
        Uni<Void> stored = Uni.createFrom().completionStage(write.done())
                .ifNoItem().after(REFRESH_TIMEOUT).recoverWithItem((Void) null);
        // The write completes on its own context, a timeout on a timer thread: continue on the request's context.
        return caller == null ? stored : stored.emitOn(command -> caller.runOnContext(ignored -> command.run()));
    }

    private record InFlight(String hash, CompletableFuture<Void> done, AtomicBoolean started) {
        InFlight(String hash, CompletableFuture<Void> done) {
            this(hash, done, new AtomicBoolean());
        }
    }

    /** Forgets what this instance stored (tests). */
    void forget() {
        storedHashes.clear();
    }

    private void remember(String accountId, String hash) {
        if (storedHashes.size() >= MAX_CACHED_MEMBERS) {
            storedHashes.clear();
        }
        storedHashes.put(accountId, hash);
    }

    static String hash(String name, String displayName, String avatar) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {name, displayName, avatar}) {
                // A marker per part keeps null apart from "" and "a","b" apart from "ab".
                digest.update(part == null ? new byte[] {0} : ("\u0001" + part.length() + ":" + part).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
