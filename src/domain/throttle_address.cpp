#include "domain/throttle_address.hpp"

#include <cctype>
#include <vector>

namespace asamblea::domain {
namespace {

// The colon-separated pieces of one side of "::" (an embedded IPv4 counts as two groups).
bool ipv6_groups(std::string_view text, std::vector<std::string>& out) {
    if (text.empty())
        return true;
    std::size_t start = 0;
    while (true) {
        auto end = text.find(':', start);
        auto piece = text.substr(start, end == std::string_view::npos ? text.npos : end - start);
        if (piece.find('.') != std::string_view::npos && end == std::string_view::npos) {
            out.emplace_back("v4"); // only the first four groups are kept: their value is moot
            out.emplace_back("v4");
            return true;
        }
        if (piece.empty() || piece.size() > 4)
            return false;
        std::string group;
        for (char c : piece) {
            if (!std::isxdigit(static_cast<unsigned char>(c)))
                return false;
            group += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        auto first = group.find_first_not_of('0');
        out.push_back(first == std::string::npos ? "0" : group.substr(first));
        if (end == std::string_view::npos)
            return true;
        start = end + 1;
    }
}

} // namespace

std::string throttle_address(std::string_view address) {
    if (address.find(':') == std::string_view::npos)
        return std::string(address);
    std::string_view text = address.substr(0, address.find('%')); // no zone id
    for (std::string_view mapped : {"::ffff:", "::FFFF:"})
        if (text.starts_with(mapped) && text.find('.') != std::string_view::npos)
            return std::string(text.substr(mapped.size()));
    std::vector<std::string> head, tail;
    auto gap = text.find("::");
    bool ok = gap == std::string_view::npos ? ipv6_groups(text, head)
                                            : ipv6_groups(text.substr(0, gap), head) &&
                                                  ipv6_groups(text.substr(gap + 2), tail);
    if (!ok || head.size() + tail.size() > 8 || (gap == std::string_view::npos && head.size() != 8))
        return std::string(address);
    while (head.size() + tail.size() < 8)
        head.emplace_back("0");
    head.insert(head.end(), tail.begin(), tail.end());
    return head[0] + ":" + head[1] + ":" + head[2] + ":" + head[3] + "::/64";
}

} // namespace asamblea::domain
