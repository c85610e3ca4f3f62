#include "store/private_path.hpp"

#include <cerrno>
#include <fcntl.h>
#include <stdexcept>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace asamblea::store {

namespace fs = std::filesystem;

void make_private_folder(const fs::path& folder) {
    fs::create_directories(folder);
    fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace);
}

void make_private_file(const fs::path& file) {
    // O_CREAT with 0600 makes a new file private whatever the umask; fchmod tightens an old one.
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        throw std::system_error(errno, std::generic_category(), "cannot open " + file.string());
    int rc = ::fchmod(fd, 0600);
    int err = errno;
    ::close(fd);
    if (rc != 0)
        throw std::system_error(err, std::generic_category(), "cannot chmod " + file.string());
}

} // namespace asamblea::store
