/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Retention dates: every item that holds an image (probes, candidates, gallery images,
 * exercise material), the rule that limits it and whether it expired at a given time. Images
 * are stored once by SHA-256 and may be shared (a gallery image is also a built-in search's
 * candidate), so an image goes only when every holder expired and none is on hold. */
#include "config.h"

#include <string.h>

#include "engine/lk-gallery-templates-private.h"
#include "governance/lk-policy.h"
#include "governance/lk-retention-private.h"
#include "lk-error.h"
#include "lk-util.h"
#include "store/lk-store-private.h"

void
lk_retention_item_free (LkRetentionItem *item)
{
  if (item == NULL)
    return;
  g_free (item->object);
  g_free (item->label);
  g_free (item->case_number);
  g_free (item->sha256);
  g_free (item->rule);
  g_free (item->expires);
  g_free (item->hold);
  g_free (item);
}

void
lk_retention_report_free (LkRetentionReport *report)
{
  if (report == NULL)
    return;
  g_free (report->as_of);
  g_clear_pointer (&report->items, g_ptr_array_unref);
  g_free (report);
}

static GDateTime *
parse_time (const char *text)
{
  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

/* Applies one rule: @start plus the days of @key (0: without limit), when both are given,
 * keeping the earliest end in @item. FALSE with @error when the policy cannot be read. */
static gboolean
apply_rule (LkRetentionItem  *item,
            GDateTime       **earliest,
            LkStore          *store,
            const char       *key,
            const char       *rule,
            const char       *start,
            GError          **error)
{
  gint64 days = 0;
  g_autoptr(GDateTime) from = NULL;
  GDateTime *end;

  if (!lk_policy_get_int (store, key, &days, error))
    return FALSE;
  if (days <= 0 || (from = parse_time (start)) == NULL)
    return TRUE;
  end = g_date_time_add_days (from, (gint) days);
  if (*earliest != NULL && g_date_time_compare (end, *earliest) >= 0)
    {
      g_date_time_unref (end);
      return TRUE;
    }
  g_clear_pointer (earliest, g_date_time_unref);
  *earliest = end;
  g_free (item->rule);
  item->rule = g_strdup (rule);
  return TRUE;
}

static void
settle (LkRetentionItem *item,
        GDateTime       *earliest,
        GDateTime       *as_of)
{
  if (earliest == NULL)
    return;
  item->expires = g_date_time_format (earliest, "%Y-%m-%d");
  item->expired = g_date_time_compare (earliest, as_of) <= 0;
}

/* Columns shared by probes and candidates: the case, whether a lead came of the probe, when
 * the case closed (when it is closed), the reason of an open hold, and a purge. */
#define CASEWORK_COLUMNS \
  "c.number, i.size," \
  " EXISTS (SELECT 1 FROM examinations e JOIN conclusions k ON k.examination_id = e.id" \
  "         WHERE e.probe_id = p.id AND e.purpose = 'examination' AND k.ordinal > 0)," \
  " CASE WHEN c.status IN ('closed', 'archived') THEN (SELECT max (h.at)" \
  "   FROM case_status_history h WHERE h.case_id = c.id AND h.status IN ('closed'," \
  "   'archived')) END," \
  " (SELECT r.reason FROM retention_holds r WHERE r.case_id = c.id" \
  "   AND r.released_at IS NULL ORDER BY r.id LIMIT 1)," \
  " EXISTS (SELECT 1 FROM purged_images x WHERE x.sha256 = i.sha256)"

static LkRetentionItem *
casework_item (LkStmt          *stmt,
               LkRetentionKind  kind,
               const char      *kind_name)
{
  LkRetentionItem *item = g_new0 (LkRetentionItem, 1);

  item->kind = kind;
  item->id = lk_stmt_int64 (stmt, 0);
  item->object = lk_object_name (kind_name, item->id);
  item->sha256 = lk_stmt_dup_text (stmt, 1);
  item->case_number = lk_stmt_dup_text (stmt, 4);
  item->size = lk_stmt_int64 (stmt, 5);
  item->hold = lk_stmt_dup_text (stmt, 8);
  item->purged = lk_stmt_int (stmt, 9) != 0;
  return item;
}

static gboolean
collect_probes (LkStore    *store,
                gint64      only,
                GDateTime  *as_of,
                GPtrArray  *items,
                GError    **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT p.id, p.image_sha256, p.imported_at, NULL, " CASEWORK_COLUMNS
                          " FROM probes p JOIN cases c ON c.id = p.case_id"
                          " JOIN images i ON i.sha256 = p.image_sha256"
                          " WHERE ?1 = 0 OR p.id = ?1 ORDER BY p.id", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, only);
  while (lk_stmt_next (stmt, error))
    {
      LkRetentionItem *item = casework_item (stmt, LK_RETENTION_PROBE, "probe");
      g_autoptr(GDateTime) earliest = NULL;

      item->label = g_strdup_printf ("Probe %" G_GINT64_FORMAT " of case %s", item->id,
                                     item->case_number);
      g_ptr_array_add (items, item);
      if ((lk_stmt_int (stmt, 6) == 0 &&
           !apply_rule (item, &earliest, store, "retention.unidentified_days", "unidentified",
                        lk_stmt_text (stmt, 2), error)) ||
          !apply_rule (item, &earliest, store, "retention.closed_case_days", "closed-case",
                       lk_stmt_text (stmt, 7), error))
        return FALSE;
      settle (item, earliest, as_of);
    }
  return !lk_stmt_failed (stmt);
}

static gboolean
collect_candidates (LkStore    *store,
                    gint64      only,
                    GDateTime  *as_of,
                    GPtrArray  *items,
                    GError    **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT k.id, k.image_sha256, l.imported_at, k.subject_ref, "
                          CASEWORK_COLUMNS
                          " FROM candidates k JOIN candidate_lists l ON l.id = k.list_id"
                          " JOIN probes p ON p.id = l.probe_id JOIN cases c ON c.id = p.case_id"
                          " JOIN images i ON i.sha256 = k.image_sha256"
                          " WHERE ?1 = 0 OR k.id = ?1 ORDER BY k.id", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, only);
  while (lk_stmt_next (stmt, error))
    {
      LkRetentionItem *item = casework_item (stmt, LK_RETENTION_CANDIDATE, "candidate");
      g_autoptr(GDateTime) earliest = NULL;

      item->label = g_strdup_printf ("Candidate %" G_GINT64_FORMAT " (%s) of case %s", item->id,
                                     lk_stmt_text (stmt, 3), item->case_number);
      g_ptr_array_add (items, item);
      if ((lk_stmt_int (stmt, 6) == 0 &&
           !apply_rule (item, &earliest, store, "retention.candidate_days", "candidate",
                        lk_stmt_text (stmt, 2), error)) ||
          !apply_rule (item, &earliest, store, "retention.candidate_days", "candidate",
                       lk_stmt_text (stmt, 7), error))
        return FALSE;
      settle (item, earliest, as_of);
    }
  return !lk_stmt_failed (stmt);
}

static gboolean
collect_gallery (LkStore    *store,
                 gint64      only,
                 gint64      database,
                 GDateTime  *as_of,
                 GPtrArray  *items,
                 GError    **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT g.id, g.image_sha256, g.enrolled_at, g.subject_ref, d.name,"
                          " i.size, EXISTS (SELECT 1 FROM purged_images x"
                          "                 WHERE x.sha256 = i.sha256)"
                          " FROM gallery_images g JOIN reference_databases d"
                          "   ON d.id = g.database_id"
                          " JOIN images i ON i.sha256 = g.image_sha256"
                          " WHERE (?1 = 0 OR g.id = ?1) AND (?2 = 0 OR g.database_id = ?2)"
                          " ORDER BY g.id", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, only);
  lk_stmt_bind_int64 (stmt, 2, database);
  while (lk_stmt_next (stmt, error))
    {
      LkRetentionItem *item = g_new0 (LkRetentionItem, 1);
      g_autoptr(GDateTime) earliest = NULL;

      item->kind = LK_RETENTION_GALLERY_IMAGE;
      item->id = lk_stmt_int64 (stmt, 0);
      item->object = lk_object_name ("gallery-image", item->id);
      item->sha256 = lk_stmt_dup_text (stmt, 1);
      item->label = g_strdup_printf ("Gallery image %" G_GINT64_FORMAT " (%s) in %s", item->id,
                                     lk_stmt_text (stmt, 3), lk_stmt_text (stmt, 4));
      item->size = lk_stmt_int64 (stmt, 5);
      item->purged = lk_stmt_int (stmt, 6) != 0;
      g_ptr_array_add (items, item);
      if (!apply_rule (item, &earliest, store, "retention.gallery_days", "gallery",
                       lk_stmt_text (stmt, 2), error))
        return FALSE;
      settle (item, earliest, as_of);
    }
  if (lk_stmt_failed (stmt))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      LkRetentionItem *item = g_ptr_array_index (items, i);

      if (item->kind == LK_RETENTION_GALLERY_IMAGE &&
          !lk_gallery_templates_count (store, item->id, &item->templates, &item->template_bytes,
                                       error))
        return FALSE;
    }
  return TRUE;
}

/* Exercise material: each image of each exercise item (object "exercise-item:N", rule
 * "exercise"), counted from the exercise's last use: its creation, its newest assignment, the
 * newest attempt opened or submitted, the newest trainer's comment. Exercises have no closing
 * of their own; an exercise still in use keeps its clock running. The items, their ground
 * truth and their SHA-256 stay; only the bytes go. */
#define EXERCISE_SELECT(image) \
  "SELECT t.id, t." image ", e.name, t.pair_id, '" image "', i.size," \
  " EXISTS (SELECT 1 FROM purged_images x WHERE x.sha256 = i.sha256), e.created_at," \
  " (SELECT max (a.assigned_at) FROM training_assignments a WHERE a.exercise_id = e.id)," \
  " (SELECT max (x.opened_at) FROM training_attempts x JOIN training_assignments a" \
  "   ON a.id = x.assignment_id WHERE a.exercise_id = e.id)," \
  " (SELECT max (x.submitted_at) FROM training_attempts x JOIN training_assignments a" \
  "   ON a.id = x.assignment_id WHERE a.exercise_id = e.id)," \
  " (SELECT max (x.commented_at) FROM training_attempts x JOIN training_assignments a" \
  "   ON a.id = x.assignment_id WHERE a.exercise_id = e.id)" \
  " FROM training_items t JOIN training_exercises e ON e.id = t.exercise_id" \
  " JOIN images i ON i.sha256 = t." image

static LkRetentionItem *
exercise_item (LkStmt *stmt)
{
  LkRetentionItem *item = g_new0 (LkRetentionItem, 1);

  item->kind = LK_RETENTION_EXERCISE;
  item->id = lk_stmt_int64 (stmt, 0);
  item->object = lk_object_name ("exercise-item", item->id);
  item->sha256 = lk_stmt_dup_text (stmt, 1);
  item->label = g_strdup_printf ("Exercise “%s”, pair %s, image %s", lk_stmt_text (stmt, 2),
                                 lk_stmt_text (stmt, 3),
                                 g_str_equal (lk_stmt_text (stmt, 4), "image_a") ? "A" : "B");
  item->size = lk_stmt_int64 (stmt, 5);
  item->purged = lk_stmt_int (stmt, 6) != 0;
  return item;
}

static gboolean
collect_exercises (LkStore    *store,
                   GDateTime  *as_of,
                   GPtrArray  *items,
                   GError    **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, EXERCISE_SELECT ("image_a") " UNION ALL "
                                                 EXERCISE_SELECT ("image_b") " ORDER BY 1, 5",
                                          error);

  if (stmt == NULL)
    return FALSE;
  while (lk_stmt_next (stmt, error))
    {
      LkRetentionItem *item = exercise_item (stmt);
      g_autoptr(GDateTime) earliest = NULL;
      const char *last_use = NULL;

      /* timestamps in one format: the newest is the greatest text */
      for (int column = 7; column <= 11; column++)
        if (g_strcmp0 (lk_stmt_text (stmt, column), last_use) > 0)
          last_use = lk_stmt_text (stmt, column);
      g_ptr_array_add (items, item);
      if (!apply_rule (item, &earliest, store, "retention.exercise_days", "exercise", last_use,
                       error))
        return FALSE;
      settle (item, earliest, as_of);
    }
  return !lk_stmt_failed (stmt);
}

/* Marks the expired items whose image must stay because another holder of the same bytes is
 * kept (not expired, or on hold). */
static void
mark_shared (GPtrArray *items)
{
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < items->len; i++)
    {
      LkRetentionItem *item = g_ptr_array_index (items, i);

      if (!item->expired || item->hold != NULL)
        g_hash_table_add (kept, item->sha256);
    }
  for (guint i = 0; i < items->len; i++)
    {
      LkRetentionItem *item = g_ptr_array_index (items, i);

      item->shared = item->expired && item->hold == NULL &&
                     g_hash_table_contains (kept, item->sha256);
    }
}

GPtrArray *
lk_retention_collect (LkStore    *store,
                      GDateTime  *as_of,
                      GError    **error)
{
  g_autoptr(GPtrArray) items =
    g_ptr_array_new_with_free_func ((GDestroyNotify) lk_retention_item_free);

  if (!collect_probes (store, 0, as_of, items, error) ||
      !collect_candidates (store, 0, as_of, items, error) ||
      !collect_gallery (store, 0, 0, as_of, items, error) ||
      !collect_exercises (store, as_of, items, error))
    return NULL;
  mark_shared (items);
  return g_steal_pointer (&items);
}

LkRetentionItem *
lk_retention_item (LkStore          *store,
                   LkRetentionKind   kind,
                   gint64            id,
                   GError          **error)
{
  g_autoptr(GPtrArray) items =
    g_ptr_array_new_with_free_func ((GDestroyNotify) lk_retention_item_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gboolean ok = FALSE;

  g_return_val_if_fail (LK_IS_STORE (store) && id > 0, NULL);

  if (kind == LK_RETENTION_PROBE)
    ok = collect_probes (store, id, now, items, error);
  else if (kind == LK_RETENTION_CANDIDATE)
    ok = collect_candidates (store, id, now, items, error);
  else if (kind == LK_RETENTION_GALLERY_IMAGE)
    ok = collect_gallery (store, id, 0, now, items, error);
  if (!ok)
    return NULL;
  if (items->len == 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND, "There is no such item (%" G_GINT64_FORMAT
                   ")", id);
      return NULL;
    }
  return g_ptr_array_steal_index (items, 0);
}

char *
lk_retention_gallery_date (LkStore     *store,
                           gint64       database_id,
                           GError     **error)
{
  g_autoptr(GPtrArray) items =
    g_ptr_array_new_with_free_func ((GDestroyNotify) lk_retention_item_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *earliest = NULL;

  if (!collect_gallery (store, 0, database_id, now, items, error))
    return NULL;
  for (guint i = 0; i < items->len; i++)
    {
      LkRetentionItem *item = g_ptr_array_index (items, i);

      if (!item->purged && item->expires != NULL &&
          (earliest == NULL || strcmp (item->expires, earliest) < 0))
        earliest = item->expires;
    }
  return g_strdup (earliest);
}

void
lk_retention_totals_clear (LkRetentionTotals *totals)
{
  g_clear_pointer (&totals->last_run, g_free);
}

gboolean
lk_retention_totals (LkStore            *store,
                     LkRetentionTotals  *totals,
                     GError            **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT (SELECT count (*) FROM images WHERE length (bytes) > 0),"
                          " (SELECT coalesce (sum (size), 0) FROM images"
                          "  WHERE length (bytes) > 0),"
                          " (SELECT count (*) FROM purged_images),"
                          " (SELECT coalesce (sum (size), 0) FROM purged_images),"
                          " (SELECT count (*) FROM retention_runs),"
                          " (SELECT max (run_at) FROM retention_runs)", error);

  g_return_val_if_fail (LK_IS_STORE (store) && totals != NULL, FALSE);

  if (stmt == NULL || !lk_stmt_row (stmt, error, "No totals"))
    return FALSE;
  totals->images = lk_stmt_int64 (stmt, 0);
  totals->image_bytes = lk_stmt_int64 (stmt, 1);
  totals->purged = lk_stmt_int64 (stmt, 2);
  totals->purged_bytes = lk_stmt_int64 (stmt, 3);
  totals->runs = lk_stmt_int64 (stmt, 4);
  totals->last_run = lk_stmt_dup_text (stmt, 5);
  return lk_gallery_templates_total (store, &totals->templates, &totals->template_bytes, error);
}
