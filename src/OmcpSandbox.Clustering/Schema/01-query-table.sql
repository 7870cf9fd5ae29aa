-- Query texts that the Orleans ADO.NET providers load at start with
-- "SELECT QueryKey, QueryText FROM OrleansQuery". Unquoted names fold to lower case in PostgreSQL,
-- so that statement finds this table and its columns.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey varchar(64) NOT NULL,
    QueryText text NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);
