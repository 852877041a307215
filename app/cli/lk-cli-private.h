/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lk-cli.h"
#include "lk-core.h"

G_BEGIN_DECLS

typedef struct
{
  char  *db_path;
  char  *user;
  char **args; /* the command and its arguments */
  int    n_args;
} LkCli;

typedef gboolean (*LkCommandFunc) (LkCli *cli, GError **error);

char      *lk_cli_read_line         (const char    *prompt);
char      *lk_cli_acting_password   (const char    *user);
/* Signing re-enters the password: from LIKENESS_PASSWORD, else asked again. */
char      *lk_cli_signing_password  (LkCli         *cli);
char      *lk_cli_db_path           (LkCli         *cli);
LkStore   *lk_cli_open_store        (LkCli         *cli,
                                     GError       **error);
LkSession *lk_cli_log_in            (LkCli         *cli,
                                     GError       **error);
/* Parses the options of one command from cli->args[first..]; @rest gets the positionals. */
gboolean   lk_cli_parse_options     (LkCli         *cli,
                                     int            first,
                                     GOptionEntry  *entries,
                                     char        ***rest,
                                     GError       **error);
/* A positive whole number naming a @what ("probe", "examination", ...). */
gboolean   lk_cli_parse_id          (const char    *text,
                                     const char    *what,
                                     gint64        *id,
                                     GError       **error);
gboolean   lk_cli_expect_positional (char         **rest,
                                     guint          n,
                                     const char    *what,
                                     GError       **error);
gboolean   lk_cli_print_json        (JsonObject    *object,
                                     GError       **error);

/* Commands in lk-cli-cases.c */
gboolean   lk_cli_case_offences     (LkCli *cli, GError **error);
gboolean   lk_cli_case_create       (LkCli *cli, GError **error);
gboolean   lk_cli_case_list         (LkCli *cli, GError **error);
gboolean   lk_cli_case_show         (LkCli *cli, GError **error);
gboolean   lk_cli_case_approve      (LkCli *cli, GError **error);
gboolean   lk_cli_case_move         (LkCli *cli, GError **error);
gboolean   lk_cli_probe_import      (LkCli *cli, GError **error);
gboolean   lk_cli_probe_analyse     (LkCli *cli, GError **error);
gboolean   lk_cli_probe_face        (LkCli *cli, GError **error);
gboolean   lk_cli_policy_show       (LkCli *cli, GError **error);
gboolean   lk_cli_policy_set        (LkCli *cli, GError **error);

/* Commands in lk-cli-candidates.c */
gboolean   lk_cli_candidates_import  (LkCli *cli, GError **error);
gboolean   lk_cli_candidates_list    (LkCli *cli, GError **error);
gboolean   lk_cli_candidates_reveal  (LkCli *cli, GError **error);
gboolean   lk_cli_candidates_shuffle (LkCli *cli, GError **error);
gboolean   lk_cli_candidates_triage  (LkCli *cli, GError **error);

/* Commands in lk-cli-examinations.c */
gboolean   lk_cli_examination_open  (LkCli *cli, GError **error);
gboolean   lk_cli_examination_show  (LkCli *cli, GError **error);

/* Commands in lk-cli-conclusions.c */
gboolean   lk_cli_examination_observe  (LkCli *cli, GError **error);
gboolean   lk_cli_examination_check    (LkCli *cli, GError **error);
gboolean   lk_cli_examination_conclude (LkCli *cli, GError **error);
gboolean   lk_cli_examination_amend    (LkCli *cli, GError **error);
gboolean   lk_cli_feature_list_install (LkCli *cli, GError **error);

/* Commands in lk-cli-verify.c */
gboolean   lk_cli_competency_add     (LkCli *cli, GError **error);
gboolean   lk_cli_competency_list    (LkCli *cli, GError **error);
gboolean   lk_cli_competency_revoke  (LkCli *cli, GError **error);
gboolean   lk_cli_verify_submit      (LkCli *cli, GError **error);
gboolean   lk_cli_verify_assign      (LkCli *cli, GError **error);
gboolean   lk_cli_verify_take        (LkCli *cli, GError **error);
gboolean   lk_cli_verify_list        (LkCli *cli, GError **error);
gboolean   lk_cli_verify_open        (LkCli *cli, GError **error);
gboolean   lk_cli_verify_show        (LkCli *cli, GError **error);
gboolean   lk_cli_verify_countersign (LkCli *cli, GError **error);
gboolean   lk_cli_verify_disagree    (LkCli *cli, GError **error);
gboolean   lk_cli_verify_consult     (LkCli *cli, GError **error);
gboolean   lk_cli_examination_reopen (LkCli *cli, GError **error);
/* Commands in lk-cli-stats.c */
gboolean   lk_cli_stats              (LkCli *cli, GError **error);
/* Commands in lk-cli-training.c */
gboolean   lk_cli_training           (LkCli *cli, GError **error);
/* Commands in lk-cli-audit.c */
gboolean   lk_cli_audit_list         (LkCli *cli, GError **error);
gboolean   lk_cli_audit_export       (LkCli *cli, GError **error);
/* Commands in lk-cli-assessment.c */
gboolean   lk_cli_assessment_new     (LkCli *cli, GError **error);
gboolean   lk_cli_assessment_show    (LkCli *cli, GError **error);
gboolean   lk_cli_assessment_export  (LkCli *cli, GError **error);
gboolean   lk_cli_assessment_install (LkCli *cli, GError **error);
/* Commands in lk-cli-retention.c */
gboolean   lk_cli_retention_run      (LkCli *cli, GError **error);
gboolean   lk_cli_retention_hold     (LkCli *cli, GError **error);
gboolean   lk_cli_retention_release  (LkCli *cli, GError **error);
gboolean   lk_cli_retention_status   (LkCli *cli, GError **error);
/* Commands in lk-cli-report.c */
gboolean   lk_cli_report             (LkCli *cli, GError **error);
gboolean   lk_cli_export             (LkCli *cli, GError **error);
gboolean   lk_cli_export_verify      (LkCli *cli, GError **error);
/* Commands in lk-cli-gallery.c */
gboolean   lk_cli_gallery_create    (LkCli *cli, GError **error);
gboolean   lk_cli_gallery_enrol     (LkCli *cli, GError **error);
gboolean   lk_cli_gallery_search    (LkCli *cli, GError **error);
gboolean   lk_cli_gallery_evaluate  (LkCli *cli, GError **error);
gboolean   lk_cli_gallery_install_model (LkCli *cli, GError **error);

G_END_DECLS
