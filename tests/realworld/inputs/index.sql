-- Indexes: the query plan before and after, a unique index, an expression index.
CREATE TABLE t(a INTEGER, b TEXT, c REAL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
  INSERT INTO t SELECT i, 'row' || (i * 37 % 2000), i * 0.25 FROM n;
EXPLAIN QUERY PLAN SELECT * FROM t WHERE b = 'row42';
CREATE INDEX t_b ON t(b);
EXPLAIN QUERY PLAN SELECT * FROM t WHERE b = 'row42';
SELECT a, b, c FROM t WHERE b = 'row42';
CREATE UNIQUE INDEX t_a ON t(a);
INSERT INTO t VALUES (5, 'dup', 0);
CREATE INDEX t_len ON t(length(b));
EXPLAIN QUERY PLAN SELECT count(*) FROM t WHERE length(b) = 5;
SELECT count(*) FROM t WHERE length(b) = 5;
PRAGMA index_list(t);
PRAGMA integrity_check;
