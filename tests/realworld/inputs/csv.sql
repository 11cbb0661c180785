-- Import a CSV file, query it, and write the result as CSV to a file and back.
.mode csv
.import /t/people.csv people
.mode column
.headers on
SELECT city, count(*) AS n, avg(age) AS mean FROM people GROUP BY city ORDER BY n DESC, city;
.mode csv
.once /tmp/people-out.csv
SELECT name, age FROM people WHERE age > 30 ORDER BY age;
.mode list
.headers off
SELECT readfile('/tmp/people-out.csv');
