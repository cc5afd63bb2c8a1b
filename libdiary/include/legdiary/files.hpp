/// @file files.hpp
/// Writing the files legdiary makes besides the diary (exports, the report, backups of
/// settings): they hold health data, so each is readable by its owner only, and each is
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

}  // namespace legdiary
