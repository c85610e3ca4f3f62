#include "loadgen/progress_bar.hpp"

#include <algorithm>
#include <cstdio>

namespace asamblea::loadgen {

void progress_bar::draw(long done, long total, const std::string& extra) {
    if (!on_)
        return;
    auto now = clock_type::now();
    if (now - last_ < std::chrono::milliseconds(200) && done < total)
        return;
    last_ = now;
    int pct = total > 0 ? static_cast<int>(std::min<long>(100, done * 100 / total)) : 100;
    int filled = pct * 30 / 100;
    std::fprintf(stderr, "\r%-12s [%s%s] %3d%% %ld/%ld %s\033[K", label_.c_str(),
                 std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(30 - filled), '.').c_str(), pct, done, total,
                 extra.c_str());
}

void progress_bar::finish() {
    if (on_)
        std::fprintf(stderr, "\n");
}

} // namespace asamblea::loadgen
