-- PostgreSQL only: the role execute_sql_query switches to (SET LOCAL ROLE) inside its read-only transaction. It may
-- read the four allowlisted tables and nothing else, so even a query that got past the parser could not write, read
-- other tables of this schema, or call functions that need more than PUBLIC's rights (pg_read_file, lo_import, COPY).
-- Roles belong to the whole server, not to one database, so the role is created only if it is missing.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'toolgate_reader') THEN
    CREATE ROLE toolgate_reader NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
  -- The application's own user must be a member to switch to it; a superuser already may.
  IF NOT pg_has_role(current_user, 'toolgate_reader', 'MEMBER') THEN
    EXECUTE format('GRANT toolgate_reader TO %I', current_user);
  END IF;
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO toolgate_reader', current_schema());
  EXECUTE format('GRANT SELECT ON %I.customers, %I.products, %I.orders, %I.order_lines TO toolgate_reader',
                 current_schema(), current_schema(), current_schema(), current_schema());
END
$$;
