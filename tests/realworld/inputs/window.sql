-- JSON, common table expressions, window functions, full-text search.
SELECT json_object('a', 1, 'b', json_array(1, 2, 'x')), json_extract('{"p":{"q":[5,6]}}', '$.p.q[1]');
WITH RECURSIVE fib(a, b, n) AS (SELECT 0, 1, 0 UNION ALL SELECT b, a + b, n + 1 FROM fib WHERE n < 30)
  SELECT group_concat(a, ' ') FROM fib;
CREATE TABLE s(d INTEGER, amount INTEGER);
INSERT INTO s VALUES (1, 10), (2, 20), (3, 5), (4, 40), (5, 15);
SELECT d, amount, sum(amount) OVER (ORDER BY d) AS running,
  avg(amount) OVER (ORDER BY d ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS smooth FROM s;
CREATE VIRTUAL TABLE doc USING fts5(body);
INSERT INTO doc VALUES ('the quick brown fox'), ('a lazy dog'), ('quick thinking');
SELECT rowid, body FROM doc WHERE doc MATCH 'quick' ORDER BY rowid;
