-- An in-memory database: tables, joins, grouping, strings and numbers.
.headers on
.mode list
CREATE TABLE city(id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT, pop INTEGER);
INSERT INTO city(name, country, pop) VALUES
  ('Lisbon', 'PT', 545000), ('Porto', 'PT', 232000), ('Madrid', 'ES', 3223000),
  ('Seville', 'ES', 684000), ('Lyon', 'FR', 516000), ('Paris', 'FR', 2161000);
CREATE TABLE country(code TEXT PRIMARY KEY, name TEXT);
INSERT INTO country VALUES ('PT', 'Portugal'), ('ES', 'Spain'), ('FR', 'France');
SELECT c.name AS country, count(*) AS cities, sum(pop) AS people, max(ci.name) AS last
  FROM city ci JOIN country c ON c.code = ci.country GROUP BY c.name ORDER BY people DESC;
SELECT upper(name), length(name), substr(name, 2, 3), pop / 1000.0 FROM city WHERE pop > 600000 ORDER BY name;
SELECT printf('%08.2f', 3.14159), 7 / 2, 7 % 3, 1 << 10, typeof(1.0), coalesce(NULL, 'x'), hex('ab');
.mode box
SELECT name, pop, rank() OVER (PARTITION BY country ORDER BY pop DESC) AS r FROM city ORDER BY country, r;
