#include "legdiary/files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vector>

#include "legdiary/error.hpp"

namespace legdiary {

namespace fs = std::filesystem;

void write_private_file(const fs::path& target, const std::function<void(std::ostream&)>& write) {
    std::string temporary = (target.parent_path() / ("." + target.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(temporary.data());  // mode 0600 whatever the umask
    if (fd < 0) throw StorageError("cannot write " + target.string() + ": " + std::strerror(errno));
    int reason = 0;
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (out) write(out);
        out.flush();
        if (!out) reason = errno ? errno : EIO;
    }
    // Synced before the rename, so that after a crash the name holds old or new, never a stub.
    if (!reason && ::fsync(fd) != 0) reason = errno;
    ::close(fd);
    if (!reason && std::rename(temporary.c_str(), target.c_str()) != 0) reason = errno;
    if (reason) {
        ::unlink(temporary.c_str());
        throw StorageError("cannot write " + target.string() + ": " + std::strerror(reason));
    }
}

void write_private_file(const fs::path& target, std::string_view content) {
    write_private_file(target, [&](std::ostream& out) { out.write(content.data(), static_cast<std::streamsize>(content.size())); });
}

void create_private_folders(const fs::path& folder) {
    std::vector<fs::path> missing;
    for (fs::path at = folder; !at.empty() && !fs::exists(at); at = at.parent_path()) missing.push_back(at);
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        if (::mkdir(it->c_str(), 0700) != 0) {
            if (errno == EEXIST) continue;  // another process made it meanwhile
            throw StorageError("cannot create folder " + it->string() + ": " + std::strerror(errno));
        }
        ::chmod(it->c_str(), 0700);  // mkdir's mode is masked by the umask
    }
}

void create_private_file(const fs::path& path, IfExists if_exists) {
    create_private_folders(path.parent_path());
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST && if_exists == IfExists::keep) return;
        if (errno == EEXIST)
            throw StorageError("will not overwrite " + path.string() + ": choose a new file");
        throw StorageError("cannot create " + path.string() + ": " + std::strerror(errno));
    }
    ::fchmod(fd, 0600);
    ::close(fd);
}

}  // namespace legdiary
