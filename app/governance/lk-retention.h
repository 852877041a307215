/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Retention: how long probe, candidate and gallery images are kept (policy retention.*), legal
 * holds on cases, and the purge that deletes the bytes of expired images and what derives from
 * them (templates) while keeping each record with its SHA-256 and a purge record. */
#pragma once

#include <json-glib/json-glib.h>

#include "people/lk-session.h"

G_BEGIN_DECLS

typedef enum
{
  LK_RETENTION_PROBE,
  LK_RETENTION_CANDIDATE,
  LK_RETENTION_GALLERY_IMAGE,
  LK_RETENTION_EXERCISE, /* exercise material: each image of an exercise item */
} LkRetentionKind;

/* One item that holds an image, with the date its retention ends. */
typedef struct
{
  LkRetentionKind  kind;
  gint64           id;
  char            *object;      /* as the audit log names it: "probe:3" */
  char            *label;       /* as said to a person: "Probe 3 of case 2026/17" */
  char            *case_number; /* NULL outside casework */
  char            *sha256;
  gint64           size;        /* bytes of the image */
  char            *rule;        /* unidentified, closed-case, candidate, gallery, exercise */
  char            *expires;     /* YYYY-MM-DD; NULL: no rule limits it */
  gboolean         expired;     /* on the run's date */
  char            *hold;        /* the reason of a legal hold that keeps it; else NULL */
  gboolean         shared;      /* expired, but its image is kept for another item */
  gboolean         purged;      /* its image was purged before */
  gint64           templates;   /* gallery images: templates that go with it */
  gint64           template_bytes;
} LkRetentionItem;

void lk_retention_item_free (LkRetentionItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkRetentionItem, lk_retention_item_free)

/* What a run purged, or what a dry run would purge. */
typedef struct
{
  gboolean   dry_run;
  gint64     run_id;         /* 0 for a dry run */
  char      *as_of;          /* the time the rules were applied at */
  GPtrArray *items;          /* of LkRetentionItem: every expired item, held and shared too */
  gint64     images;         /* images whose bytes go */
  gint64     image_bytes;
  gint64     templates;      /* templates that go with them */
  gint64     template_bytes;
  gint64     held;           /* expired items kept by a legal hold */
} LkRetentionReport;

void lk_retention_report_free (LkRetentionReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkRetentionReport, lk_retention_report_free)

/* Administrators. Applies the policy's retention periods at @as_of (NULL: now) and, unless
 * @dry_run, purges in one transaction the bytes of each image every holder of which expired and
 * none of which is on hold, with the templates of its gallery images; each image's record,
 * SHA-256 and a purge record (when, by whom, under which rule) stay. Audited image by image
 * ("image.purged") and item by item ("probe.image-purged", ...), then "retention.run". A dry
 * run writes nothing, not even to the audit log. A run with @as_of later than now is how tests
 * age their data; likeness-cli and the application pass NULL. */
LkRetentionReport *lk_retention_run          (LkSession   *session,
                                              GDateTime   *as_of,
                                              gboolean     dry_run,
                                              GError     **error);
void               lk_retention_run_async    (LkSession            *session,
                                              gboolean              dry_run,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
LkRetentionReport *lk_retention_run_finish   (GAsyncResult         *result,
                                              GError              **error);
JsonObject        *lk_retention_report_to_json (const LkRetentionReport *report);

/* The retention of one probe, candidate or gallery image as of now: the item (with expires
 * NULL when no rule limits it), or NULL with @error set. */
LkRetentionItem   *lk_retention_item         (LkStore          *store,
                                              LkRetentionKind   kind,
                                              gint64            id,
                                              GError          **error);
/* The earliest retention date among the kept images of gallery @database_id (YYYY-MM-DD), or
 * NULL with @error unset when no rule limits them. */
char              *lk_retention_gallery_date (LkStore          *store,
                                              gint64            database_id,
                                              GError          **error);

/* What the store holds, for the retention page: images by kind with their sizes, templates. */
typedef struct
{
  gint64 images;          /* distinct images with bytes */
  gint64 image_bytes;
  gint64 purged;          /* images purged so far */
  gint64 purged_bytes;
  gint64 templates;
  gint64 template_bytes;
  gint64 runs;            /* purge runs done */
  char  *last_run;        /* when the last one ran; NULL: never */
} LkRetentionTotals;

void     lk_retention_totals_clear (LkRetentionTotals *totals);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkRetentionTotals, lk_retention_totals_clear)
gboolean lk_retention_totals       (LkStore            *store,
                                    LkRetentionTotals  *totals,
                                    GError            **error);

/* Legal holds (administrators): a held case's images are not purged. Both need a reason and
 * are audited on the case. */
gboolean lk_retention_hold         (LkSession   *session,
                                    const char  *case_number,
                                    const char  *reason,
                                    GError     **error);
gboolean lk_retention_release      (LkSession   *session,
                                    const char  *case_number,
                                    const char  *reason,
                                    GError     **error);
/* The reason of the hold on case @case_id, or NULL (@error unset) when there is none. */
char    *lk_retention_case_hold    (LkStore     *store,
                                    gint64       case_id,
                                    GError     **error);

G_END_DECLS
