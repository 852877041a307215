/* SPDX-License-Identifier: GPL-3.0-or-later */
/* likeness-cli: the audit trail filtered, listed and exported. */
#include "config.h"

#include <gio/gunixoutputstream.h>
#include <unistd.h>

#include "lk-cli-private.h"

#define FILTER_OPTIONS(f) \
  { "case", 0, 0, G_OPTION_ARG_STRING, &(f)->case_number, NULL, NULL }, \
  { "user", 0, 0, G_OPTION_ARG_STRING, &(f)->user, NULL, NULL }, \
  { "action", 0, 0, G_OPTION_ARG_STRING, &(f)->action, NULL, NULL }, \
  { "object", 0, 0, G_OPTION_ARG_STRING, &(f)->object, NULL, NULL }, \
  { "from", 0, 0, G_OPTION_ARG_STRING, &(f)->from, NULL, NULL }, \
  { "to", 0, 0, G_OPTION_ARG_STRING, &(f)->to, NULL, NULL }

static void
print_json (LkAuditEventList *list)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  g_print ("{\"count\": %u, \"events\": [", n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkAuditEntry) entry = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;
      JsonParser *parser;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "seq");
      json_builder_add_int_value (b, lk_audit_entry_get_seq (entry));
#define MEMBER(name, getter) \
      json_builder_set_member_name (b, name); \
      json_builder_add_string_value (b, getter (entry));
      MEMBER ("at", lk_audit_entry_get_at)
      MEMBER ("user", lk_audit_entry_get_user)
      MEMBER ("role", lk_audit_entry_get_role)
      MEMBER ("action", lk_audit_entry_get_action)
      MEMBER ("object", lk_audit_entry_get_object)
      json_builder_set_member_name (b, "details");
      parser = json_parser_new ();
      if (json_parser_load_from_data (parser, lk_audit_entry_get_details (entry), -1, NULL))
        json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
      else
        json_builder_add_string_value (b, lk_audit_entry_get_details (entry));
      g_object_unref (parser);
      MEMBER ("prev_hash", lk_audit_entry_get_prev_hash)
      MEMBER ("hash", lk_audit_entry_get_hash)
#undef MEMBER
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      text = json_to_string (root, FALSE);
      g_print ("%s\n  %s", i ? "," : "", text);
    }
  g_print ("\n]}\n");
}

static void
print_lines (LkAuditEventList *list)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkAuditEntry) entry = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *details = lk_text_escape (lk_audit_entry_get_details (entry));
      g_autofree char *object = lk_text_escape (lk_audit_entry_get_object (entry));

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\t%s\n", lk_audit_entry_get_seq (entry),
               lk_audit_entry_get_at (entry), lk_audit_entry_get_user (entry),
               lk_audit_entry_get_role (entry), lk_audit_entry_get_action (entry), object,
               details);
    }
}

gboolean
lk_cli_audit_list (LkCli   *cli,
                   GError **error)
{
  g_auto(LkAuditFilter) filter = { 0 };
  gboolean json = FALSE;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(LkAuditEventList) list = NULL;
  GOptionEntry entries[] = {
    FILTER_OPTIONS (&filter),
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 0, "audit list [--case N] [--user U] [--action A] "
                                 "[--object O] [--from D] [--to D] [--json]", error) ||
      !lk_audit_filter_check (&filter, error) ||
      (session = lk_cli_log_in (cli, error)) == NULL ||
      (list = lk_audit_event_list_new (session, &filter, error)) == NULL)
    return FALSE;
  if (json)
    print_json (list);
  else
    print_lines (list);
  if (lk_audit_event_list_get_error (list) != NULL)
    {
      *error = g_error_copy (lk_audit_event_list_get_error (list));
      return FALSE;
    }
  return TRUE;
}

gboolean
lk_cli_audit_export (LkCli   *cli,
                     GError **error)
{
  g_auto(LkAuditFilter) filter = { 0 };
  g_autofree char *format_text = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  LkAuditFormat format;
  GOptionEntry entries[] = {
    FILTER_OPTIONS (&filter),
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, NULL, NULL },
    { NULL }
  };
  gboolean filtered;

  if (!lk_cli_parse_options (cli, 2, entries, &rest, error) ||
      !lk_cli_expect_positional (rest, 0, "audit export --format jsonl|csv [--case N] "
                                 "[--user U] [--action A] [--object O] [--from D] [--to D]",
                                 error) ||
      !lk_audit_log_format_parse (format_text, &format, error) ||
      !lk_audit_filter_check (&filter, error))
    return FALSE;
  filtered = filter.case_number || filter.user || filter.action || filter.object ||
             filter.from || filter.to;
  if ((session = lk_cli_log_in (cli, error)) == NULL)
    return FALSE;
  if (!filtered)
    return lk_audit_log_export (session, format, out, error);
  return lk_audit_log_export_filtered (session, &filter, format, out, NULL, error);
}
