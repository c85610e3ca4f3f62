#include "cli/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>

namespace asamblea::cli {
namespace {

namespace fs = std::filesystem;

void write_then_rename(const fs::path& path, const std::string& text, bool durable) {
    fs::path temp = path;
    temp += ".tmp-" + std::to_string(::getpid());
    std::error_code ignored;
    {
        std::ofstream f(temp, std::ios::binary | std::ios::trunc);
        f << text;
        f.close();
        if (!f) {
            fs::remove(temp, ignored);
            throw std::runtime_error("no se pudo escribir " + temp.string());
        }
    }
    if (durable) {
        try {
            sync_to_disk(temp);
        } catch (...) {
            fs::remove(temp, ignored);
            throw;
        }
    }
    fs::rename(temp, path);
}

} // namespace

void write_atomically(const fs::path& path, const std::string& text) {
    write_then_rename(path, text, false);
}

void write_durably(const fs::path& path, const std::string& text) {
    write_then_rename(path, text, true);
}

void sync_to_disk(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        if (fd >= 0)
            ::close(fd);
        throw std::runtime_error("no se pudo escribir en disco " + path.string());
    }
    ::close(fd);
}

} // namespace asamblea::cli
