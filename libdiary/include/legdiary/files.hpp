/// @file files.hpp
/// Creating the files legdiary makes — the diary, its backups, exports, the report —: they hold health data, so each is readable by its owner only, and each is
/// written whole or not at all.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string_view>

namespace legdiary {

/// Writes `path` through `write`: into a new file beside it (mode 0600 whatever the
/// umask), synced, then renamed over `path`, so that after a failure or a crash `path`
/// holds its old content or the new, never a part. StorageError naming `path` on failure.
void write_private_file(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write);

/// As above, with the whole content at hand.
void write_private_file(const std::filesystem::path& path, std::string_view content);

/// Creates `folder` and every missing folder above it, each owner-only (mode 0700 whatever
/// the umask); folders that exist are left as they are. StorageError naming the folder.
void create_private_folders(const std::filesystem::path& folder);

/// What create_private_file does when the file exists already.
enum class IfExists {
    keep,   ///< leave it: another process created it first (opening a diary)
    refuse  ///< throw StorageError (a backup never overwrites)
};

/// Creates an empty file, owner-only (mode 0600 whatever the umask), and its missing folders
/// (create_private_folders). The check for an existing file and the creation are one step
/// (`O_EXCL`), so no file made in between is ever overwritten.
void create_private_file(const std::filesystem::path& path, IfExists if_exists);

}  // namespace legdiary
