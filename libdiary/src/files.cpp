#include "legdiary/files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include <unistd.h>

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

}  // namespace legdiary
