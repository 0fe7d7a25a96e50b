-- The request fingerprint is a digest of bodies that may carry credentials: a plain digest would let
-- a reader of the database test guesses of low-entropy passwords. It is now sealed with the keyset,
-- bound to its record, like the stored response. Records live 24 hours; older ones are simply dropped.
delete from idempotency_records;
alter table idempotency_records drop column request_hash;
alter table idempotency_records add column request_hash bytea not null;
