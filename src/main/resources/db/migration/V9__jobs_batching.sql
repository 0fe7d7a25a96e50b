-- Job queue at high rates (issue 13): attempt error history, retention of finished jobs,
-- one completion notification per statement instead of one per job, and storage settings
-- for a table whose rows are inserted, updated twice and deleted within days.

-- The last attempt errors, oldest first, at most 5: {code, message, attempt, at}. jobs.error stays
-- the last error (API.md 6); this list is the history behind it.
alter table jobs add column errors jsonb not null default '[]'::jsonb;

-- Appends one attempt's error to a history and keeps the last 5. Used by every statement that
-- records an attempt error (batched completion, lease rescue).
create function jobs_push_error(history jsonb, error jsonb, attempt integer) returns jsonb
    language sql volatile as $$
    select coalesce(jsonb_agg(entry order by n), '[]'::jsonb)
    from (
        select entry, n
        from jsonb_array_elements(coalesce(history, '[]'::jsonb) || jsonb_build_array(error || jsonb_build_object(
                'attempt', attempt,
                'at', to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))))
            with ordinality as h(entry, n)
        order by n desc
        limit 5) last_five
$$;

-- Retention (hub.jobs.retention.*) deletes finished jobs oldest first in small batches.
create index jobs_retention_idx on jobs (finished_at) where status in ('succeeded', 'failed', 'cancelled');

-- Waiters (Prefer: wait) learn that jobs finished through NOTIFY hub_job_done. One notification per
-- statement and up to 200 job ids (comma-separated, under the 8000-byte payload limit) instead of one
-- per row: a batched completion of 500 jobs costs 3 notifications, not 500.
drop trigger jobs_done_notify on jobs;

create or replace function jobs_notify_done() returns trigger language plpgsql as $$
declare
    ids text;
begin
    for ids in
        select string_agg(id::text, ',')
        from (select n.id, (row_number() over ()) / 200 as chunk
              from finished_rows n join previous_rows o on o.id = n.id
              where n.status in ('succeeded', 'failed', 'cancelled') and o.status is distinct from n.status) done
        group by chunk
    loop
        perform pg_notify('hub_job_done', ids);
    end loop;
    return null;
end
$$;

create trigger jobs_done_notify after update on jobs
    referencing old table as previous_rows new table as finished_rows
    for each statement execute function jobs_notify_done();

-- A queue table churns: vacuum it after 2% of its rows changed rather than 20%, so dead tuples of
-- claimed, completed and deleted jobs are reclaimed before the table and its indexes grow.
alter table jobs set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02,
    autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_cost_delay = 0);
