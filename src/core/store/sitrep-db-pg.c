/* sitrep-db-pg.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sitrep-db-private.h"

/*
 * The PostgreSQL half of SitrepDb. The store's SQL is written with
 * SQLite's parameters (?1, ?, :name); here they become $1, $2… as the
 * server wants them, and each bound value travels as text with the type
 * it was bound as, so that the server reads it as SQLite would have.
 * SQLite's hints to its planner are left out. A statement runs at its
 * first step and its rows are then read from the result, one per step.
 */

SitrepDb *_sitrep_db_new (SitrepDbBackend backend);

/* PostgreSQL's type number of text (catalog/pg_type_d.h) */
#define PG_TEXT 25

/* SQLSTATE classes and codes that mean more than "failed" */
static SitrepDbError
code_for_sqlstate (const char *sqlstate)
{
  if (sqlstate == NULL)
    return SITREP_DB_ERROR_UNREACHABLE;

  /* 08: connection exception; 57P01–57P03: the server shut down */
  if (g_str_has_prefix (sqlstate, "08") || g_str_has_prefix (sqlstate, "57P0"))
    return SITREP_DB_ERROR_UNREACHABLE;
  /* 42501 insufficient_privilege; 25006 read_only_sql_transaction (a
   * replica, or a read-only transaction) */
  if (strcmp (sqlstate, "42501") == 0 || strcmp (sqlstate, "25006") == 0)
    return SITREP_DB_ERROR_DENIED;
  /* 28: invalid authorization */
  if (g_str_has_prefix (sqlstate, "28"))
    return SITREP_DB_ERROR_AUTHENTICATION;
  /* 40001 serialization_failure, 40P01 deadlock, 55P03 lock_not_available */
  if (strcmp (sqlstate, "40001") == 0 || strcmp (sqlstate, "40P01") == 0
      || strcmp (sqlstate, "55P03") == 0)
    return SITREP_DB_ERROR_LOCKED;
  /* 53100 disk_full, 53200 out_of_memory */
  if (strcmp (sqlstate, "53100") == 0)
    return SITREP_DB_ERROR_FULL;
  /* 23: integrity constraint violation */
  if (g_str_has_prefix (sqlstate, "23"))
    return SITREP_DB_ERROR_CONSTRAINT;
  /* XX001 data_corrupted, XX002 index_corrupted */
  if (strcmp (sqlstate, "XX001") == 0 || strcmp (sqlstate, "XX002") == 0)
    return SITREP_DB_ERROR_CORRUPT;

  return SITREP_DB_ERROR_FAILED;
}

static void
set_failure_message (SitrepDb      *db,
                     SitrepDbError  code,
                     const char    *message)
{
  g_autofree char *text = g_strstrip (g_strdup (message != NULL ? message : ""));

  /* libpq's messages start "ERROR:  " or "FATAL:  " */
  db->error_code = code;
  g_free (db->error_message);
  if (g_str_has_prefix (text, "ERROR:  ") || g_str_has_prefix (text, "FATAL:  "))
    db->error_message = g_strdup (text + strlen ("ERROR:  "));
  else
    db->error_message = g_steal_pointer (&text);
}

void
_sitrep_db_pg_set_failure (SitrepDb       *db,
                           const PGresult *result)
{
  const char *primary = NULL;
  const char *sqlstate = NULL;

  if (result != NULL)
    {
      primary = PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);
      sqlstate = PQresultErrorField (result, PG_DIAG_SQLSTATE);
    }

  if (PQstatus (db->conn) == CONNECTION_BAD || (result == NULL && sqlstate == NULL))
    {
      set_failure_message (db, SITREP_DB_ERROR_UNREACHABLE, PQerrorMessage (db->conn));
      return;
    }

  set_failure_message (db, code_for_sqlstate (sqlstate),
                       primary != NULL ? primary : PQresultErrorMessage (result));
}

/* What the server says when it refuses the login itself */
static SitrepDbError
code_for_connection_failure (const char *message)
{
  if (message != NULL
      && (strstr (message, "authentication failed") != NULL
          || strstr (message, "no password supplied") != NULL
          || strstr (message, "password") != NULL))
    return SITREP_DB_ERROR_AUTHENTICATION;
  if (message != NULL && strstr (message, "does not exist") != NULL)
    return SITREP_DB_ERROR_CANNOT_OPEN;

  return SITREP_DB_ERROR_UNREACHABLE;
}

/* What each connection is set to, also after a reconnect: times are
 * numbers of seconds in Sitrep, so the server's time zone only matters
 * for the month boundaries of reports, which Sitrep computes itself.
 * Compiling a query to machine code (JIT) cost a search for a common
 * word 160–300 ms at 1,000,000 incidents and saved nothing
 * (docs/performance.md). */
static gboolean
set_up_session (SitrepDb *db)
{
  if (PQsetClientEncoding (db->conn, "UTF8") != 0)
    {
      set_failure_message (db, SITREP_DB_ERROR_FAILED, PQerrorMessage (db->conn));
      return FALSE;
    }

  return _sitrep_db_pg_exec (db, "SET TIME ZONE 'UTC'; SET jit = off", NULL);
}

/* Sitrep's settings for a connection, where the address does not set
 * them: a server that does not answer is given up on in seconds, not
 * after the system's TCP timeouts, and the server's administrator sees
 * which connections are Sitrep's. */
static const char *const default_keywords[] = {
  "connect_timeout", "application_name", "keepalives", "keepalives_idle",
  "keepalives_interval", "keepalives_count", "tcp_user_timeout",
};
static const char *const default_values[] = {
  "5", "sitrep", "1", "10", "5", "3", "10000",
};

SitrepDb *
_sitrep_db_pg_connect (const char  *address,
                       const char  *password,
                       GError     **error)
{
  g_autoptr(SitrepDb) db = _sitrep_db_new (SITREP_DB_POSTGRESQL);
  const char *keywords[G_N_ELEMENTS (default_keywords) + 3];
  const char *values[G_N_ELEMENTS (default_keywords) + 3];
  guint n = 0;

  /* The defaults first, the address's own settings over them (libpq
   * expands the first dbname), the password typed last. */
  for (guint i = 0; i < G_N_ELEMENTS (default_keywords); i++)
    {
      keywords[n] = default_keywords[i];
      values[n++] = default_values[i];
    }
  keywords[n] = "dbname";
  values[n++] = address;
  if (password != NULL)
    {
      keywords[n] = "password";
      values[n++] = password;
    }
  keywords[n] = NULL;
  values[n] = NULL;

  db->conn = PQconnectdbParams (keywords, values, 1);
  if (db->conn == NULL || PQstatus (db->conn) != CONNECTION_OK)
    {
      const char *message = db->conn != NULL ? PQerrorMessage (db->conn) : NULL;

      set_failure_message (db, code_for_connection_failure (message), message);
      sitrep_db_set_error (db, SITREP_DB_SERVER_FAILED, error);
      return NULL;
    }

  if (!set_up_session (db))
    {
      sitrep_db_set_error (db, SITREP_DB_SERVER_FAILED, error);
      return NULL;
    }

  return g_steal_pointer (&db);
}

void
_sitrep_db_pg_close (SitrepDb *db)
{
  g_clear_pointer (&db->conn, PQfinish);
}

/* A connection that went away is tried again once before a statement:
 * the server may have restarted. Nothing of a transaction survives it,
 * so not inside one. */
static gboolean
ensure_connected (SitrepDb *db)
{
  if (PQstatus (db->conn) == CONNECTION_OK)
    return TRUE;

  PQreset (db->conn);
  if (PQstatus (db->conn) != CONNECTION_OK)
    {
      set_failure_message (db, SITREP_DB_ERROR_UNREACHABLE, PQerrorMessage (db->conn));
      return FALSE;
    }

  return set_up_session (db);
}

/* Whether @sql, failed on a connection the server had ended, may run
 * again on a new one: nothing of it can have been written (a read, or
 * the start of a transaction), and no transaction was open before it.
 * A server restarted, or one that ended idle connections, is only found
 * out by the first statement sent to it after that. */
static gboolean
may_run_again (SitrepDb   *db,
               gboolean    was_in_transaction,
               const char *sql)
{
  while (g_ascii_isspace (*sql))
    sql++;

  return !was_in_transaction && PQstatus (db->conn) == CONNECTION_BAD &&
         (g_ascii_strncasecmp (sql, "SELECT", strlen ("SELECT")) == 0 ||
          g_ascii_strncasecmp (sql, "BEGIN", strlen ("BEGIN")) == 0);
}

static gboolean
result_ok (SitrepDb *db,
           PGresult *result)
{
  ExecStatusType status = result != NULL ? PQresultStatus (result) : PGRES_FATAL_ERROR;
  const char *changed;

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    {
      changed = PQcmdTuples (result);
      db->changes = changed[0] != '\0' ? atoi (changed) : 0;
      return TRUE;
    }

  _sitrep_db_pg_set_failure (db, result);
  return FALSE;
}

gboolean
_sitrep_db_pg_exec (SitrepDb    *db,
                    const char  *sql,
                    GError     **error)
{
  PGresult *result;
  gboolean was_in_transaction;
  gboolean ok;

  /* SQLite's settings of a connection (cache size, durability) mean
   * nothing to a server, which has its own. */
  if (g_ascii_strncasecmp (sql, "PRAGMA ", strlen ("PRAGMA ")) == 0)
    return TRUE;

  if (!ensure_connected (db))
    {
      sitrep_db_set_error (db, SITREP_DB_SERVER_FAILED, error);
      return FALSE;
    }

  was_in_transaction = _sitrep_db_pg_in_transaction (db);
  result = PQexec (db->conn, sql);
  ok = result_ok (db, result);
  PQclear (result);

  if (!ok && may_run_again (db, was_in_transaction, sql) && ensure_connected (db))
    {
      g_debug ("Running again on a new connection: %.200s", sql);
      result = PQexec (db->conn, sql);
      ok = result_ok (db, result);
      PQclear (result);
    }

  if (!ok)
    {
      g_debug ("%s (in: %.200s)", db->error_message, sql);
      sitrep_db_set_error (db, SITREP_DB_SERVER_FAILED, error);
    }

  return ok;
}

gboolean
_sitrep_db_pg_in_transaction (SitrepDb *db)
{
  PGTransactionStatusType status = PQtransactionStatus (db->conn);

  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* Whether @p, at the start of a word, is the word @word (any case),
 * followed by white space. */
static gboolean
is_word (const char *sql,
         const char *p,
         const char *word)
{
  gsize length = strlen (word);

  if (p > sql && is_name_char (p[-1]))
    return FALSE;

  return g_ascii_strncasecmp (p, word, length) == 0 && g_ascii_isspace (p[length]);
}

/* SQLite's hints to its planner (INDEXED BY name, NOT INDEXED) are left
 * out: a server plans on its own. Returns where the SQL goes on, or NULL
 * when @p is not at one. */
static const char *
skip_planner_hint (const char *sql,
                   const char *p)
{
  const char *q;

  if (is_word (sql, p, "INDEXED"))
    {
      q = p + strlen ("INDEXED");
      while (g_ascii_isspace (*q))
        q++;
      if (!is_word (sql, q, "BY"))
        return NULL;
      q += strlen ("BY");
      while (g_ascii_isspace (*q))
        q++;
      while (is_name_char (*q))
        q++;
      return q;
    }

  if (is_word (sql, p, "NOT"))
    {
      q = p + strlen ("NOT");
      while (g_ascii_isspace (*q))
        q++;
      if (g_ascii_strncasecmp (q, "INDEXED", strlen ("INDEXED")) == 0
          && !is_name_char (q[strlen ("INDEXED")]))
        return q + strlen ("INDEXED");
    }

  return NULL;
}

/* Turns SQLite's parameters into $n: ?NNN keeps its number, ? takes the
 * next one, :name (or @name) takes the next one at its first use. Text in
 * quotes, comments and PostgreSQL's :: casts are left as they are. */
static char *
translate_parameters (const char  *sql,
                      int         *n_params,
                      GPtrArray   *names,
                      GArray      *used)
{
  g_autoptr(GString) out = g_string_sized_new (strlen (sql) + 16);
  const char *p = sql;
  int highest = 0;

  while (*p != '\0')
    {
      if (*p == '\'' || *p == '"')
        {
          char quote = *p;

          g_string_append_c (out, *p++);
          while (*p != '\0')
            {
              g_string_append_c (out, *p);
              if (*p++ == quote)
                {
                  if (*p != quote)
                    break;
                  g_string_append_c (out, *p++);
                }
            }
        }
      else if (p[0] == '-' && p[1] == '-')
        {
          while (*p != '\0' && *p != '\n')
            g_string_append_c (out, *p++);
        }
      else if ((*p == 'I' || *p == 'i' || *p == 'N' || *p == 'n')
               && skip_planner_hint (sql, p) != NULL)
        {
          p = skip_planner_hint (sql, p);
        }
      else if (p[0] == ':' && p[1] == ':')
        {
          g_string_append (out, "::");
          p += 2;
        }
      else if (*p == '?')
        {
          int number;

          p++;
          if (g_ascii_isdigit (*p))
            {
              number = 0;
              while (g_ascii_isdigit (*p))
                number = number * 10 + (*p++ - '0');
            }
          else
            number = highest + 1;

          highest = MAX (highest, number);
          if (used->len < (guint) number)
            g_array_set_size (used, number);
          g_array_index (used, gboolean, number - 1) = TRUE;
          g_string_append_printf (out, "$%d", number);
        }
      else if ((*p == ':' || *p == '@') && (g_ascii_isalpha (p[1]) || p[1] == '_'))
        {
          const char *start = p;
          g_autofree char *name = NULL;
          guint i;
          int number = 0;

          p++;
          while (is_name_char (*p))
            p++;
          name = g_strndup (start, p - start);
          /* SQLite numbers :name with the others: its first use takes the
           * next number */
          for (i = 0; i < names->len; i++)
            if (g_strcmp0 (g_ptr_array_index (names, i), name) == 0)
              number = i + 1;

          if (number == 0)
            {
              number = highest + 1;
              highest = number;
            }

          while (names->len < (guint) number)
            g_ptr_array_add (names, NULL);
          if (g_ptr_array_index (names, number - 1) == NULL)
            g_ptr_array_index (names, number - 1) = g_strdup (name);
          if (used->len < (guint) number)
            g_array_set_size (used, number);
          g_array_index (used, gboolean, number - 1) = TRUE;

          g_string_append_printf (out, "$%d", number);
        }
      else
        g_string_append_c (out, *p++);
    }

  *n_params = highest;
  while (names->len < (guint) highest)
    g_ptr_array_add (names, NULL);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
_sitrep_db_pg_prepare (SitrepDb     *db,
                       SitrepDbStmt *stmt,
                       const char   *sql)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) used = g_array_new (FALSE, TRUE, sizeof (gboolean));

  stmt->sql = translate_parameters (sql, &stmt->n_params, names, used);
  g_array_set_size (used, stmt->n_params);
  /* a number the SQL skips (?2 without ?1) has no type the server could
   * find: it is sent as text, which nothing reads */
  stmt->used = (gboolean *) g_array_free (g_steal_pointer (&used), FALSE);
  stmt->names = g_new0 (char *, stmt->n_params + 1);
  if (names->len > 0)
    memcpy (stmt->names, names->pdata, sizeof (char *) * names->len);
  stmt->values = g_new0 (char *, stmt->n_params + 1);
  stmt->types = g_new0 (Oid, stmt->n_params + 1);
  for (int i = 0; i < stmt->n_params; i++)
    stmt->types[i] = stmt->used[i] ? 0 : PG_TEXT;
  stmt->row = -1;

  return TRUE;
}

void
_sitrep_db_pg_free_stmt (SitrepDbStmt *stmt)
{
  g_clear_pointer (&stmt->result, PQclear);
  g_clear_pointer (&stmt->sql, g_free);
  /* both arrays may hold NULL before their end */
  for (int i = 0; i < stmt->n_params; i++)
    {
      if (stmt->names != NULL)
        g_free (stmt->names[i]);
      if (stmt->values != NULL)
        g_free (stmt->values[i]);
    }
  g_clear_pointer (&stmt->names, g_free);
  g_clear_pointer (&stmt->values, g_free);
  g_clear_pointer (&stmt->types, g_free);
  g_clear_pointer (&stmt->used, g_free);
}

void
_sitrep_db_pg_reset (SitrepDbStmt *stmt)
{
  g_clear_pointer (&stmt->result, PQclear);
  stmt->row = -1;
  stmt->n_rows = 0;
}

void
_sitrep_db_pg_bind (SitrepDbStmt *stmt,
                    int           index,
                    Oid           type,
                    char         *value)
{
  if (index < 1 || index > stmt->n_params)
    {
      g_free (value);
      return;
    }

  g_free (stmt->values[index - 1]);
  stmt->values[index - 1] = value;
  stmt->types[index - 1] = type == 0 && !stmt->used[index - 1] ? PG_TEXT : type;
}

static gboolean
run_params (SitrepDbStmt *stmt)
{
  g_clear_pointer (&stmt->result, PQclear);
  stmt->result = PQexecParams (stmt->db->conn, stmt->sql, stmt->n_params, stmt->types,
                               (const char * const *) stmt->values, NULL, NULL, 0);
  return result_ok (stmt->db, stmt->result);
}

int
_sitrep_db_pg_step (SitrepDbStmt *stmt)
{
  SitrepDb *db = stmt->db;
  gboolean was_in_transaction;
  gboolean ok;

  if (stmt->row >= 0)
    {
      stmt->row++;
      return stmt->row < stmt->n_rows ? SITREP_DB_ROW : SITREP_DB_DONE;
    }

  was_in_transaction = _sitrep_db_pg_in_transaction (db);
  if (!was_in_transaction && !ensure_connected (db))
    return SITREP_DB_SERVER_FAILED;

  ok = run_params (stmt);
  if (!ok && may_run_again (db, was_in_transaction, stmt->sql) && ensure_connected (db))
    {
      g_debug ("Running again on a new connection: %s", stmt->sql);
      ok = run_params (stmt);
    }

  if (!ok)
    {
      g_debug ("%s (in: %s)", db->error_message, stmt->sql);
      g_clear_pointer (&stmt->result, PQclear);
      return SITREP_DB_SERVER_FAILED;
    }

  stmt->n_rows = PQntuples (stmt->result);
  stmt->row = 0;

  return stmt->n_rows > 0 ? SITREP_DB_ROW : SITREP_DB_DONE;
}
