/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A list model of the matching audit events that holds their sequence numbers only and reads
 * the events in pages of LK_AUDIT_EVENT_LIST_PAGE by a range of the primary key, keeping the
 * last few pages: scrolling through a million events makes a few hundred objects at a time. */
#include "config.h"

#include "governance/lk-audit-query.h"
#include "lk-task.h"

#define KEPT_PAGES 16

struct _LkAuditEventList
{
  GObject        parent_instance;
  LkSession     *session;
  LkAuditFilter  filter;
  GArray        *seqs;   /* gint64 */
  GHashTable    *pages;  /* page number -> GPtrArray of LkAuditEntry */
  GQueue         order;  /* page numbers, the newest read first */
  guint          pages_read;
  GError        *error;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LkAuditEventList, lk_audit_event_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
lk_audit_event_list_finalize (GObject *object)
{
  LkAuditEventList *self = LK_AUDIT_EVENT_LIST (object);

  g_clear_object (&self->session);
  lk_audit_filter_clear (&self->filter);
  g_clear_pointer (&self->seqs, g_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_queue_clear (&self->order);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (lk_audit_event_list_parent_class)->finalize (object);
}

static void
lk_audit_event_list_class_init (LkAuditEventListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_audit_event_list_finalize;
}

static void
lk_audit_event_list_init (LkAuditEventList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->order);
}

static GType
get_item_type (GListModel *model)
{
  return LK_TYPE_AUDIT_ENTRY;
}

static guint
get_n_items (GListModel *model)
{
  LkAuditEventList *self = LK_AUDIT_EVENT_LIST (model);

  return self->seqs != NULL ? self->seqs->len : 0;
}

static void
forget_old_pages (LkAuditEventList *self)
{
  while (g_queue_get_length (&self->order) > KEPT_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->order));
}

static GPtrArray *
read_page (LkAuditEventList *self,
           guint             page)
{
  guint first = page * LK_AUDIT_EVENT_LIST_PAGE;
  guint last = MIN (first + LK_AUDIT_EVENT_LIST_PAGE, self->seqs->len) - 1;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = lk_audit_log_fetch (self->session, &self->filter,
                                                    g_array_index (self->seqs, gint64, first),
                                                    g_array_index (self->seqs, gint64, last),
                                                    &error);
  GPtrArray *entries;

  if (events == NULL)
    {
      if (self->error == NULL)
        self->error = g_steal_pointer (&error);
      return NULL;
    }
  entries = g_ptr_array_new_full (events->len, g_object_unref);
  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (entries, lk_audit_entry_new (g_ptr_array_index (events, i)));
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), entries);
  g_queue_push_head (&self->order, GUINT_TO_POINTER (page));
  self->pages_read++;
  forget_old_pages (self);
  return entries;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  LkAuditEventList *self = LK_AUDIT_EVENT_LIST (model);
  guint page = position / LK_AUDIT_EVENT_LIST_PAGE;
  guint index = position % LK_AUDIT_EVENT_LIST_PAGE;
  GPtrArray *entries;

  if (self->seqs == NULL || position >= self->seqs->len)
    return NULL;
  entries = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (entries == NULL && (entries = read_page (self, page)) == NULL)
    return NULL;
  /* The page was read by the same filter over the same range: the same events, unless the
   * log changed under it, which an append-only log does not. */
  if (index >= entries->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (entries, index));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

LkAuditEventList *
lk_audit_event_list_new (LkSession            *session,
                         const LkAuditFilter  *filter,
                         GError              **error)
{
  g_autoptr(LkAuditEventList) self = g_object_new (LK_TYPE_AUDIT_EVENT_LIST, NULL);

  g_return_val_if_fail (LK_IS_SESSION (session) && filter != NULL, NULL);

  if ((self->seqs = lk_audit_log_select (session, filter, error)) == NULL)
    return NULL;
  self->session = g_object_ref (session);
  lk_audit_filter_copy (&self->filter, filter);
  return g_steal_pointer (&self);
}

guint
lk_audit_event_list_pages_read (LkAuditEventList *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_EVENT_LIST (self), 0);
  return self->pages_read;
}

const GError *
lk_audit_event_list_get_error (LkAuditEventList *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_EVENT_LIST (self), NULL);
  return self->error;
}

typedef struct
{
  LkSession     *session;
  LkAuditFilter  filter;
} SelectJob;

static void
select_job_free (SelectJob *job)
{
  g_clear_object (&job->session);
  lk_audit_filter_clear (&job->filter);
  g_free (job);
}

static gpointer
select_job (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  SelectJob *job = data;

  return lk_audit_event_list_new (job->session, &job->filter, error);
}

void
lk_audit_event_list_new_async (LkSession            *session,
                               const LkAuditFilter  *filter,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  SelectJob *job = g_new0 (SelectJob, 1);

  job->session = g_object_ref (session);
  lk_audit_filter_copy (&job->filter, filter);
  lk_task_run (session, cancellable, callback, user_data, lk_audit_event_list_new_async,
               select_job, job, (GDestroyNotify) select_job_free, g_object_unref);
}

LkAuditEventList *
lk_audit_event_list_new_finish (GAsyncResult  *result,
                                GError       **error)
{
  return lk_task_finish (result, lk_audit_event_list_new_async, error);
}
