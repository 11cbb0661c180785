-- Ten thousand rows into a file database, in one transaction, then checked.
PRAGMA journal_mode = DELETE;
DROP TABLE IF EXISTS bulk;
CREATE TABLE bulk(id INTEGER PRIMARY KEY, k TEXT, v INTEGER);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
  INSERT INTO bulk(k, v) SELECT 'key' || i, (i * 7919) % 10007 FROM n;
COMMIT;
CREATE INDEX bulk_v ON bulk(v);
SELECT count(*), sum(v), min(k), max(v) FROM bulk;
PRAGMA integrity_check;
