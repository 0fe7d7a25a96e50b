package io.integrationshub.jobs.engine;

import io.integrationshub.jobs.api.Job;
import io.integrationshub.jobs.api.JobQueue;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Every statement on the jobs table that does not run in a caller's transaction (enqueueing runs in the
 * caller's Hibernate transaction, {@code JobQueue}), on a pool of the job store's own ({@link #connectOptions}): the engine's claim, lease renewal, batched
 * completion, rescue of expired leases and retention, and the reads of {@link JobWaiter} and
 * {@link JobMetrics}. Each is one round trip whatever the
 * number of jobs. Times come from the database clock ({@code clock_timestamp()}) only: leases,
 * backoff and reschedule times are {@code now + interval} computed there, never an {@code Instant}
 * from this JVM. Every write to a running job checks the lease owner and the attempt, so the late
 * outcome of an attempt whose lease was lost never overwrites another attempt's result.
 */
public class JobStore {
    static final String NOW = "date_trunc('milliseconds', clock_timestamp())";

    private static final String CLAIM = """
            with next as (
                select id as next_id from jobs
                where status = 'queued' and run_at <= clock_timestamp() and type = any($3::text[])
                order by run_at
                limit $4::int
                for update skip locked)
            update jobs j set status = 'running', lease_owner = $1::text,
                lease_expires_at = clock_timestamp() + $2::bigint * interval '1 millisecond',
                attempts = j.attempts + 1, started_at = coalesce(j.started_at, %1$s), updated_at = %1$s
            from next where j.id = next.next_id
            returning %2$s, (extract(epoch from (clock_timestamp() - j.run_at)) * 1000)::bigint as wait_ms
            """.formatted(NOW, JobRows.COLUMNS);

    /*
     * RENEW and COMPLETE wrap their lease check in "(...) is true": no index (in particular not the partial
     * jobs_lease_idx) matches that, so the plan always starts from the given ids through jobs_pkey, even when
     * custom plans meet stale statistics (docs/jobs.md, Plans).
     *
     * Both lock their rows in id order: a renewal covers the jobs whose outcome is being written, and two
     * statements locking the same rows in different orders deadlock (seen in the benchmark: a batch of
     * 500 outcomes lost to 40P01). RENEW locks first (jobs_pkey read in order: no sort), then writes;
     * COMPLETE gets its outcomes sorted by id and its plan walks them in that order (a nested loop from
     * the unnest through jobs_pkey). Should a plan ever lock otherwise, the completer writes the batch again.
     */
    private static final String RENEW = """
            with held as (
                select id as held_id from jobs where id = any($1::uuid[]) order by id for update)
            update jobs j set lease_expires_at = clock_timestamp() + $2::bigint * interval '1 millisecond'
            from held
            where j.id = held.held_id and (j.lease_owner = $3::text and j.status = 'running') is true
            returning j.id, j.cancel_requested""";

    /**
     * The outcomes of many attempts in one statement. status: the final status, or 'queued' to run again
     * after delay_ms (a cancellation requested meanwhile wins); refund: attempts given back (reschedule,
     * release). Due requeued jobs wake idle workers of every instance.
     */
    private static final String COMPLETE = """
            with outcome as (
                select * from unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::int[])
                    as o(id, attempt, status, result, error, delay_ms, refund)),
            updated as (
                update jobs j set
                    status = case when o.status <> 'queued' then o.status
                                  when j.cancel_requested then 'cancelled' else 'queued' end,
                    result = case when o.status = 'succeeded' then o.result::jsonb else j.result end,
                    error = case when o.status = 'succeeded' then null else coalesce(o.error::jsonb, j.error) end,
                    errors = case when o.error is null then j.errors
                                  else jobs_push_error(j.errors, o.error::jsonb, j.attempts) end,
                    run_at = case when o.status = 'queued' then clock_timestamp() + o.delay_ms * interval '1 millisecond'
                                  else j.run_at end,
                    attempts = greatest(j.attempts - o.refund, 0),
                    finished_at = case when o.status <> 'queued' or j.cancel_requested then %1$s end,
                    lease_owner = null, lease_expires_at = null, updated_at = %1$s
                from outcome o
                where j.id = o.id and (j.attempts = o.attempt and j.lease_owner = $8::text and j.status = 'running') is true
                returning j.id, j.type, j.status, j.run_at),
            woken as (
                select pg_notify('%2$s', due.type)
                from (select distinct type from updated where status = 'queued' and run_at <= clock_timestamp()) due)
            select id from updated where (select count(*) from woken) >= 0""".formatted(NOW, JobQueue.CHANNEL);

    /** Lease expired: back to the queue, or failed when no attempt is left, or cancelled when asked. */
    private static final String RESCUE = """
            with expired as (
                select id as expired_id from jobs
                where status = 'running' and lease_expires_at < clock_timestamp()
                order by lease_expires_at
                limit 100
                for update skip locked)
            update jobs j set
                status = case when j.cancel_requested then 'cancelled'
                              when j.attempts >= j.max_attempts then 'failed' else 'queued' end,
                run_at = case when j.cancel_requested or j.attempts >= j.max_attempts then j.run_at else %1$s end,
                error = case when j.cancel_requested then j.error else %2$s end,
                errors = case when j.cancel_requested then j.errors else jobs_push_error(j.errors, %2$s, j.attempts) end,
                finished_at = case when j.cancel_requested or j.attempts >= j.max_attempts then %1$s end,
                lease_owner = null, lease_expires_at = null, updated_at = %1$s
            from expired where j.id = expired.expired_id
            returning j.id, j.type, j.status""".formatted(NOW,
            "'{\"code\": \"lease_expired\", \"message\": \"the worker running the job stopped renewing its lease\"}'::jsonb");

    /** Oldest finished jobs past retention, a batch of each kind; locked rows are left to whoever holds them. */
    private static final String PURGE = """
            with done as (
                select id from jobs
                where status in ('succeeded', 'cancelled') and finished_at < clock_timestamp() - $1::bigint * interval '1 millisecond'
                order by finished_at limit $3::int
                for update skip locked),
            failed as (
                select id from jobs
                where status = 'failed' and finished_at < clock_timestamp() - $2::bigint * interval '1 millisecond'
                order by finished_at limit $3::int
                for update skip locked),
            deleted as (
                delete from jobs where id in (select id from done union all select id from failed) returning 1)
            select count(*)::int as n from deleted""";

    private static final String LOAD = "select " + JobRows.COLUMNS + " from jobs where id = $1::uuid";

    private static final String DEPTH = "select type, status, count(*) as n from jobs "
            + "where status in ('queued', 'running') group by type, status";

    /** One attempt's outcome as the completion statement takes it. */
    public record Outcome(Job job, String status, String result, String error, long delayMillis, int refund, String label) {
    }

    /** PostgreSQL's uuid order (bytes, unsigned), which UUID.compareTo (signed halves) is not. */
    private static final Comparator<Outcome> BY_ID = (a, b) -> {
        int high = Long.compareUnsigned(a.job().id.getMostSignificantBits(), b.job().id.getMostSignificantBits());
        return high != 0 ? high
                : Long.compareUnsigned(a.job().id.getLeastSignificantBits(), b.job().id.getLeastSignificantBits());
    };

    /** A claimed job and how long it had been due ({@code hub_jobs_start_latency_seconds}). */
    public record Claimed(Job job, long waitMillis) {
    }

    /** What a rescue did to one job: its type and new status (queued, failed or cancelled). */
    public record Rescued(UUID id, String type, String status) {
    }

    private final Pool pool;
    private final String owner;
    private final long leaseMillis;

    /** The statements of the engine instance {@code owner}, whose leases last {@code lease}. */
    public JobStore(Pool pool, String owner, Duration lease) {
        this.pool = pool;
        this.owner = owner;
        this.leaseMillis = lease.toMillis();
    }

    /** Leases up to {@code limit} due jobs of these types to this instance, counting an attempt each. */
    protected Uni<List<Claimed>> claim(String[] types, int limit) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(owner, leaseMillis, types, limit)).map(rows -> {
            List<Claimed> claimed = new ArrayList<>(rows.rowCount());
            rows.forEach(row -> claimed.add(new Claimed(JobRows.job(row), row.getLong("wait_ms"))));
            return claimed;
        });
    }

    /** Extends the leases this instance still holds; answers, per job renewed, whether a cancel was requested. */
    protected Uni<Map<UUID, Boolean>> renew(Collection<UUID> ids) {
        return pool.preparedQuery(RENEW).execute(Tuple.of(ids.toArray(new UUID[0]), leaseMillis, owner)).map(rows -> {
            Map<UUID, Boolean> renewed = new HashMap<>();
            rows.forEach(row -> renewed.put(row.getUUID("id"), Boolean.TRUE.equals(row.getBoolean("cancel_requested"))));
            return renewed;
        });
    }

    /** Writes the outcomes in one statement; answers the ids written (the others' leases were lost). */
    protected Uni<Set<UUID>> complete(List<Outcome> unordered) {
        List<Outcome> outcomes = new ArrayList<>(unordered);
        outcomes.sort(BY_ID);
        int n = outcomes.size();
        UUID[] ids = new UUID[n];
        Integer[] attempts = new Integer[n];
        String[] statuses = new String[n];
        String[] results = new String[n];
        String[] errors = new String[n];
        Long[] delays = new Long[n];
        Integer[] refunds = new Integer[n];
        for (int i = 0; i < n; i++) {
            Outcome o = outcomes.get(i);
            ids[i] = o.job().id;
            attempts[i] = o.job().attempts;
            statuses[i] = o.status();
            results[i] = o.result();
            errors[i] = o.error();
            delays[i] = o.delayMillis();
            refunds[i] = o.refund();
        }
        Tuple args = Tuple.tuple().addArrayOfUUID(ids).addArrayOfInteger(attempts).addArrayOfString(statuses)
                .addArrayOfString(results).addArrayOfString(errors).addArrayOfLong(delays).addArrayOfInteger(refunds)
                .addString(owner);
        return pool.preparedQuery(COMPLETE).execute(args).map(rows -> {
            Set<UUID> written = new HashSet<>();
            rows.forEach(row -> written.add(row.getUUID("id")));
            return written;
        });
    }

    /** Requeues (or ends) up to 100 jobs whose lease expired: their worker died or stalled. */
    protected Uni<List<Rescued>> rescue() {
        return pool.preparedQuery(RESCUE).execute().map(rows -> {
            List<Rescued> rescued = new ArrayList<>();
            for (Row row : rows) {
                rescued.add(new Rescued(row.getUUID("id"), row.getString("type"), row.getString("status")));
            }
            return rescued;
        });
    }

    /** Deletes up to {@code batch} finished jobs of each kind past retention; answers how many. */
    protected Uni<Integer> purge(Duration succeeded, Duration failed, int batch) {
        return pool.preparedQuery(PURGE).execute(Tuple.of(succeeded.toMillis(), failed.toMillis(), batch))
                .map(rows -> rows.iterator().next().getInteger("n"));
    }

    /** One job as it is now, or null (a {@code Prefer: wait} re-reading it). */
    public Uni<Job> load(UUID id) {
        return pool.preparedQuery(LOAD).execute(Tuple.of(id)).map(rows -> {
            Iterator<Row> it = rows.iterator();
            return it.hasNext() ? JobRows.job(it.next()) : null;
        });
    }

    /** Queued and running jobs by type and status, one {@code group by} for the whole queue (metrics). */
    public Uni<List<Depth>> depth() {
        return pool.query(DEPTH).execute().map(rows -> {
            List<Depth> depth = new ArrayList<>();
            rows.forEach(row -> depth.add(new Depth(row.getString("type"), row.getString("status"), row.getLong("n"))));
            return depth;
        });
    }

    /** How many jobs of a type are in a status. */
    public record Depth(String type, String status, long count) {
    }

    /**
     * Session settings of the job store's connections.
     * <p>
     * Plans: the queue's statements pick a few rows out of a table whose size swings by orders of magnitude
     * within seconds (a backlog of 50,000, then none), so no plan is right for both: {@code force_custom_plan}
     * plans each execution for its arguments instead of reusing a generic plan cached on the connection, and
     * {@code enable_sort=off} keeps the claim (and rescue and retention) reading its index in order, not a
     * bitmap scan of the whole backlog then a top-N sort, when the statistics are stale (last analysed while
     * the table was empty). No job store statement needs a sort. For the whole datasource custom plans halved
     * the HTTP reads, whose statements are short and whose best plans never change: hence a pool of its own.
     * <p>
     * Durability: {@code synchronous_commit=off}, so a claim, renewal or batch of outcomes does not wait for
     * its WAL flush (0.35 ms of every claim here). A database crash can forget the last ~0.6 s of this
     * bookkeeping, never an accepted job (enqueueing commits with the caller's transaction, synchronously);
     * a forgotten claim or outcome leaves the job queued or leased, so it runs again: the at-least-once of
     * API.md 6 that handlers already honour (docs/jobs.md, What a crash means).
     * <p>
     * Together: drain of 50,000 jobs 7,800-8,500 to 15,500-16,600 jobs/s, enqueue-to-start p50 2.0 to
     * 1.6 ms (docs/benchmarks.md).
     */
    public static final Map<String, String> SESSION_SETTINGS = Map.of(
            "plan_cache_mode", "force_custom_plan",
            "enable_sort", "off",
            "synchronous_commit", "off");

    /** Where the job store connects: the application's database, with {@link #SESSION_SETTINGS}. */
    public static PgConnectOptions connectOptions(Config config) {
        PgConnectOptions options = PgListener.connectOptions(config).setCachePreparedStatements(true)
                .addProperty("application_name", "integrations-hub-jobs");
        SESSION_SETTINGS.forEach(options::addProperty);
        return options;
    }

    /**
     * The application's engine settings and its store on a pool of its own. {@code @Singleton} rather than the
     * usual {@code @ApplicationScoped}, on purpose: the settings are a record (final, so not proxyable), and the
     * store is on the claim/renew/complete hot path, where a client proxy would add a lookup to every call;
     * both are built once at start and never replaced, so a proxy's laziness buys nothing.
     */
    @Singleton
    static class Producer {
        @Produces
        @Singleton
        JobEngineSettings settings(JobsConfig config) {
            return JobEngineSettings.from(config);
        }

        @Produces
        @Singleton
        JobStore store(Vertx vertx, Config config, JobsConfig jobs, JobEngineSettings settings) {
            Pool own = PgBuilder.pool().with(new PoolOptions().setMaxSize(jobs.poolSize()))
                    .connectingTo(connectOptions(config)).using(vertx).build();
            return new JobStore(own, settings.instanceId(), settings.lease());
        }

        /** After the engine's shutdown (which writes its last outcomes through this pool). */
        void close(@Disposes JobStore store) {
            store.pool.close().await().atMost(Duration.ofSeconds(10));
        }
    }
}
