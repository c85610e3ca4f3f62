#include "cli/atomic_file.hpp"

#include <unistd.h>

#include <fstream>
#include <stdexcept>

namespace asamblea::cli {

void write_atomically(const std::filesystem::path& path, const std::string& text) {
    namespace fs = std::filesystem;
    fs::path temp = path;
    temp += ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream f(temp, std::ios::binary | std::ios::trunc);
        f << text;
        f.close();
        if (!f) {
            std::error_code ignored;
            fs::remove(temp, ignored);
            throw std::runtime_error("no se pudo escribir " + temp.string());
        }
    }
    fs::rename(temp, path);
}

} // namespace asamblea::cli
