/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The open candidate-list format, version 1 (JSON, or CSV with a sidecar JSON): loading and
 * complete validation, before anything touches the database. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  int         rank;
  double      score;
  char       *subject_ref;
  char       *image_ref;     /* as written in the list: relative path or "data:" URI */
  GBytes     *image;         /* the bytes, checked: present, decodable, within limits */
  const char *media_type;
  guint       width;
  guint       height;
  JsonObject *metadata;
} LkCandidateEntry;

typedef struct
{
  char       *format;                 /* "json" or "csv" */
  char       *source_sha256;          /* of the list file as read (CSV: of the CSV) */
  char       *engine_name;
  char       *engine_version;
  char       *reference_db_name;
  char       *reference_db_legal_basis;
  char       *probe_image;            /* may be NULL */
  char       *probe_sha256;           /* may be NULL; when given it must match the probe */
  char       *performed_at;
  gboolean    has_threshold;
  double      threshold;
  int         max_candidates;         /* 0 when not stated */
  GPtrArray  *entries;                /* LkCandidateEntry, in rank order */
  char       *sidecar_sha256;         /* CSV only: of the sidecar JSON as read */
} LkCandidateList;

typedef struct
{
  int    max_entries;      /* policy max_candidates, default 50 */
  double max_megapixels;   /* per image */
  double max_megabytes;    /* per image */
} LkCandidateLimits;

void             lk_candidate_list_free (LkCandidateList          *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkCandidateList, lk_candidate_list_free)

/* Loads and validates @path (".json", or ".csv" with "<same name>.json" beside it). Every
 * problem is an LK_ERROR_INVALID_INPUT naming the file, line or candidate and the reason. */
LkCandidateList *lk_candidate_list_load (const char               *path,
                                         const LkCandidateLimits  *limits,
                                         GError                  **error);

G_END_DECLS
