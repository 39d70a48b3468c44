#pragma once
// The files an alert sink writes name wanted plates, places and cases: they are readable by this
// account only (files 0600, folders 0700), whatever the umask (issue 16).
#include <filesystem>
#include <string>

namespace platebus::alerts {

// Creates `folder` (and its missing parents) with the folder itself 0700, or accepts an existing
// one only if other users cannot open it. Throws std::runtime_error saying how to fix it.
void make_private_folder(const std::filesystem::path& folder);

// Sets mode 0600 on the file open as `fd` when it is a regular file (a device such as /dev/tty1
// keeps its own). Throws std::runtime_error naming `name` when that is refused.
void make_private_file(int fd, const std::string& name);

// The same for a file just written by path (chmod after create, inside a private folder).
void make_private_file(const std::filesystem::path& file);

}  // namespace platebus::alerts
