/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The purge: one transaction per run, audited image by image and item by item, and the legal
 * holds that stop it. The bytes are cleared by the database itself when the purge record is
 * written (trigger purged_images_clear), and only then (trigger images_immutable). */
#include "config.h"

#include "casework/lk-case-status-private.h"
#include "engine/lk-gallery-templates-private.h"
#include "governance/lk-retention-private.h"
#include "lk-error.h"
#include "lk-task.h"
#include "lk-util.h"
#include "store/lk-audit.h"
#include "store/lk-store-private.h"

/* What goes with one image: its expired holders. */
typedef struct
{
  const char *sha256;
  gint64      size;
  GPtrArray  *items; /* borrowed LkRetentionItem */
  GString    *rules; /* the distinct rules, comma-separated */
} Doomed;

static void
doomed_free (Doomed *d)
{
  g_ptr_array_unref (d->items);
  g_string_free (d->rules, TRUE);
  g_free (d);
}

static void
add_rule (GString    *rules,
          const char *rule)
{
  g_auto(GStrv) have = g_strsplit (rules->str, ",", -1);

  if (rule == NULL || g_strv_contains ((const char * const *) have, rule))
    return;
  if (rules->len > 0)
    g_string_append_c (rules, ',');
  g_string_append (rules, rule);
}

/* The images to purge, in the order of their first holder, with the report's totals. */
static GPtrArray *
plan (LkRetentionReport *report)
{
  g_autoptr(GHashTable) by_sha = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *doomed = g_ptr_array_new_with_free_func ((GDestroyNotify) doomed_free);

  for (guint i = 0; i < report->items->len; i++)
    {
      LkRetentionItem *item = g_ptr_array_index (report->items, i);
      Doomed *d;

      if (item->hold != NULL)
        report->held++;
      if (!item->expired || item->purged || item->hold != NULL || item->shared)
        continue;
      if ((d = g_hash_table_lookup (by_sha, item->sha256)) == NULL)
        {
          d = g_new0 (Doomed, 1);
          d->sha256 = item->sha256;
          d->size = item->size;
          d->items = g_ptr_array_new ();
          d->rules = g_string_new (NULL);
          g_hash_table_insert (by_sha, item->sha256, d);
          g_ptr_array_add (doomed, d);
          report->images++;
          report->image_bytes += item->size;
        }
      g_ptr_array_add (d->items, item);
      add_rule (d->rules, item->rule);
      report->templates += item->templates;
      report->template_bytes += item->template_bytes;
    }
  return doomed;
}

/* Keeps the expired items (held, shared or purged ones too); drops the others. */
static void
keep_expired (GPtrArray *items)
{
  for (guint i = items->len; i > 0; i--)
    {
      LkRetentionItem *item = g_ptr_array_index (items, i - 1);

      if (!item->expired)
        g_ptr_array_remove_index (items, i - 1);
    }
}

static gint64
insert_run (LkStore                 *store,
            gint64                   user_id,
            const LkRetentionReport *report,
            const char              *now,
            GError                 **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO retention_runs (run_by, run_at, as_of, images,"
                          " image_bytes, templates, template_bytes) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   error);

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_int64 (stmt, 1, user_id);
  lk_stmt_bind_text (stmt, 2, now);
  lk_stmt_bind_text (stmt, 3, report->as_of);
  lk_stmt_bind_int64 (stmt, 4, report->images);
  lk_stmt_bind_int64 (stmt, 5, report->image_bytes);
  lk_stmt_bind_int64 (stmt, 6, report->templates);
  lk_stmt_bind_int64 (stmt, 7, report->template_bytes);
  return lk_stmt_insert (stmt, error);
}

static gboolean
insert_purge (LkStore     *store,
              gint64       user_id,
              gint64       run_id,
              Doomed      *d,
              const char  *now,
              GError     **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO purged_images (sha256, size, rule, run_id, purged_by,"
                          " purged_at, audit_seq) VALUES (?, ?, ?, ?, ?, ?,"
                          " (SELECT max (seq) FROM audit_event))", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, d->sha256);
  lk_stmt_bind_int64 (stmt, 2, d->size);
  lk_stmt_bind_text (stmt, 3, d->rules->str);
  lk_stmt_bind_int64 (stmt, 4, run_id);
  lk_stmt_bind_int64 (stmt, 5, user_id);
  lk_stmt_bind_text (stmt, 6, now);
  return lk_stmt_done (stmt, error);
}

static const char *
item_action (const LkRetentionItem *item)
{
  switch (item->kind)
    {
    case LK_RETENTION_PROBE:
      return "probe.image-purged";
    case LK_RETENTION_CANDIDATE:
      return "candidate.image-purged";
    case LK_RETENTION_GALLERY_IMAGE:
      return "gallery-image.purged";
    case LK_RETENTION_EXERCISE:
    default:
      return "exercise-item.image-purged";
    }
}

/* The image's event (which the purge record needs), the record, then one event per holder. */
static gboolean
purge_one (LkStore        *store,
           const LkActor  *actor,
           gint64          user_id,
           gint64          run_id,
           Doomed         *d,
           const char     *now,
           GError        **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *object = g_strconcat ("image:", d->sha256, NULL);
  JsonArray *holders = json_array_new ();
  gint64 templates = 0;

  for (guint i = 0; i < d->items->len; i++)
    {
      LkRetentionItem *item = g_ptr_array_index (d->items, i);

      json_array_add_string_element (holders, item->object);
      templates += item->templates;
      if (item->kind == LK_RETENTION_GALLERY_IMAGE &&
          !lk_gallery_templates_drop (store, item->id, error))
        {
          json_array_unref (holders);
          return FALSE;
        }
    }
  /* A probe's kept template goes with the probe's image. */
  if (!lk_gallery_probe_templates_drop (store, d->sha256, error))
    {
      json_array_unref (holders);
      return FALSE;
    }
  json_object_set_string_member (details, "sha256", d->sha256);
  json_object_set_int_member (details, "size", d->size);
  json_object_set_string_member (details, "rule", d->rules->str);
  json_object_set_int_member (details, "run", run_id);
  json_object_set_int_member (details, "templates", templates);
  json_object_set_array_member (details, "holders", holders);
  if (!lk_audit_append (store, actor, "image.purged", object, details, error) ||
      !insert_purge (store, user_id, run_id, d, now, error))
    return FALSE;
  for (guint i = 0; i < d->items->len; i++)
    {
      LkRetentionItem *item = g_ptr_array_index (d->items, i);
      g_autoptr(JsonObject) mine = json_object_new ();

      json_object_set_string_member (mine, "sha256", d->sha256);
      json_object_set_string_member (mine, "rule", item->rule);
      json_object_set_string_member (mine, "expired", item->expires);
      json_object_set_int_member (mine, "run", run_id);
      if (!lk_audit_append (store, actor, item_action (item), item->object, mine, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
purge (LkSession          *session,
       const LkActor      *actor,
       LkRetentionReport  *report,
       GPtrArray          *doomed,
       GError            **error)
{
  LkStore *store = lk_session_get_store (session);
  gint64 user_id = lk_session_get_user_id (session);
  g_autofree char *now = lk_now_utc ();
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *object = NULL;

  if ((report->run_id = insert_run (store, user_id, report, now, error)) == 0)
    return FALSE;
  for (guint i = 0; i < doomed->len; i++)
    if (!purge_one (store, actor, user_id, report->run_id, g_ptr_array_index (doomed, i), now,
                    error))
      return FALSE;
  details = lk_retention_report_to_json (report);
  json_object_remove_member (details, "items");
  object = lk_object_name ("retention-run", report->run_id);
  return lk_audit_append (store, actor, "retention.run", object, details, error);
}

LkRetentionReport *
lk_retention_run (LkSession   *session,
                  GDateTime   *as_of,
                  gboolean     dry_run,
                  GError     **error)
{
  g_autoptr(LkRetentionReport) report = g_new0 (LkRetentionReport, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) doomed = NULL;
  g_autoptr(LkTxn) txn = NULL;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error))
    return NULL;
  /* A real run decides and purges in one transaction: nothing changes in between. */
  if (!dry_run && (txn = lk_txn_begin (lk_session_get_store (session), error)) == NULL)
    return NULL;
  if (as_of == NULL)
    as_of = now;
  report->dry_run = dry_run;
  report->as_of = g_date_time_format_iso8601 (as_of);
  report->items = lk_retention_collect (lk_session_get_store (session), as_of, error);
  if (report->items == NULL)
    return NULL;
  keep_expired (report->items);
  doomed = plan (report);
  if (!dry_run && (!purge (session, &actor, report, doomed, error) ||
                   !lk_txn_commit (txn, error)))
    return NULL;
  return g_steal_pointer (&report);
}

static const char *
kind_name (LkRetentionKind kind)
{
  static const char * const names[] = { "probe", "candidate", "gallery-image", "exercise-item" };

  return names[kind];
}

static JsonObject *
item_to_json (const LkRetentionItem *item)
{
  JsonObject *o = json_object_new ();
  const char *state = item->purged ? "purged-before" : item->hold != NULL ? "held"
                      : item->shared ? "kept-shared" : "purge";

  json_object_set_string_member (o, "kind", kind_name (item->kind));
  json_object_set_int_member (o, "id", item->id);
  json_object_set_string_member (o, "label", item->label);
  if (item->case_number != NULL)
    json_object_set_string_member (o, "case", item->case_number);
  json_object_set_string_member (o, "sha256", item->sha256);
  json_object_set_int_member (o, "size", item->size);
  json_object_set_string_member (o, "rule", item->rule);
  json_object_set_string_member (o, "expired", item->expires);
  json_object_set_string_member (o, "state", state);
  if (item->hold != NULL)
    json_object_set_string_member (o, "hold", item->hold);
  if (item->kind == LK_RETENTION_GALLERY_IMAGE)
    json_object_set_int_member (o, "templates", item->templates);
  return o;
}

JsonObject *
lk_retention_report_to_json (const LkRetentionReport *report)
{
  JsonObject *o = json_object_new ();
  JsonArray *items = json_array_new ();

  json_object_set_boolean_member (o, "dry_run", report->dry_run);
  if (report->run_id > 0)
    json_object_set_int_member (o, "run", report->run_id);
  json_object_set_string_member (o, "as_of", report->as_of);
  json_object_set_int_member (o, "images", report->images);
  json_object_set_int_member (o, "image_bytes", report->image_bytes);
  json_object_set_int_member (o, "templates", report->templates);
  json_object_set_int_member (o, "template_bytes", report->template_bytes);
  json_object_set_int_member (o, "held", report->held);
  for (guint i = 0; i < report->items->len; i++)
    json_array_add_object_element (items, item_to_json (g_ptr_array_index (report->items, i)));
  json_object_set_array_member (o, "items", items);
  return o;
}

typedef struct
{
  LkSession *session;
  gboolean   dry_run;
} RunJob;

static void
run_job_free (RunJob *job)
{
  g_clear_object (&job->session);
  g_free (job);
}

static gpointer
run_job (gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  RunJob *job = data;

  return lk_retention_run (job->session, NULL, job->dry_run, error);
}

void
lk_retention_run_async (LkSession            *session,
                        gboolean              dry_run,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  RunJob *job = g_new0 (RunJob, 1);

  job->session = g_object_ref (session);
  job->dry_run = dry_run;
  lk_task_run (session, cancellable, callback, user_data, lk_retention_run_async, run_job, job,
               (GDestroyNotify) run_job_free, (GDestroyNotify) lk_retention_report_free);
}

LkRetentionReport *
lk_retention_run_finish (GAsyncResult  *result,
                         GError       **error)
{
  return lk_task_finish (result, lk_retention_run_async, error);
}
