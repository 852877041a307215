// SPDX-License-Identifier: GPL-3.0-or-later
// Finding OpenCV's data files (Haar cascades, BRISQUE models) wherever they are installed.
#include "config.h"

#include <string>
#include <vector>

#include "lk-cv-private.hpp"

// Where OpenCV's data files are installed: Debian, a local build, the Flatpak runtime.
static const char *const opencv_data_prefixes[] = {
  "/usr/share/opencv4", "/usr/local/share/opencv4", "/app/share/opencv4",
};

// Folders to search for OpenCV data: @explicit_dir alone when given, otherwise the folder in
// @env_name, then the installed OpenCV data (Debian, /usr/local, Flatpak).
std::vector<std::string>
lk_cv::data_dirs (const char *explicit_dir,
                  const char *env_name,
                  const char *subdir)
{
  std::vector<std::string> dirs;

  if (explicit_dir != nullptr && *explicit_dir != '\0')
    return { explicit_dir };
  const char *env = g_getenv (env_name);
  if (env != nullptr && *env != '\0')
    dirs.emplace_back (env);
  for (const char *prefix : opencv_data_prefixes)
    dirs.push_back (std::string (prefix) + "/" + subdir);
  return dirs;
}

std::string
lk_cv::in_dir (const std::string &dir,
               const char        *file)
{
  g_autofree char *path = g_build_filename (dir.c_str (), file, nullptr);
  return path;
}

// The first of @dirs holding @file, or "".
std::string
lk_cv::find_dir (const std::vector<std::string> &dirs,
                 const char                     *file)
{
  for (const std::string &dir : dirs)
    if (g_file_test (in_dir (dir, file).c_str (), G_FILE_TEST_IS_REGULAR))
      return dir;
  return std::string ();
}

std::string
lk_cv::join (const std::vector<std::string> &dirs)
{
  std::string all;

  for (const std::string &dir : dirs)
    all += (all.empty () ? "" : ", ") + dir;
  return all;
}
