#include "domain/shards/shard_map.hpp"

#include "domain/clinic.hpp"

#include <algorithm>
#include <charconv>

namespace asamblea::domain {
namespace {

std::vector<std::string_view> shard_words(std::string_view line) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
            ++i;
        std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
            ++i;
        if (i > start)
            words.push_back(line.substr(start, i - start));
    }
    return words;
}

bool shard_name_ok(std::string_view name) {
    if (name.empty() || name.size() > shard_map::max_name)
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

// host:port with a port in 1..65535; an IPv6 host goes in brackets ([::1]:8080).
bool shard_address_ok(std::string_view address) {
    auto colon = address.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == address.size())
        return false;
    auto port_text = address.substr(colon + 1);
    unsigned port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc{} || end != port_text.data() + port_text.size() || port < 1 || port > 65535)
        return false;
    auto host = address.substr(0, colon);
    if (host.find(':') != std::string_view::npos)
        return host.size() > 2 && host.front() == '[' && host.back() == ']';
    return true;
}

// An owner prefix: 1..max_prefix letters then digits, in CLUES order; upper-cased.
std::optional<std::string> shard_prefix(std::string_view text) {
    if (text.size() > shard_map::max_prefix)
        return std::nullopt;
    return normalize_clues_prefix(text);
}

struct owner_at {
    std::string text; // a prefix or a whole CLUES
    bool prefix = false;
    std::size_t shard = 0;
    std::size_t line = 0;
};

// Whether one owner may match a clinic the other also matches.
bool owners_overlap(const owner_at& a, const owner_at& b) {
    if (a.prefix && b.prefix)
        return a.text.starts_with(b.text) || b.text.starts_with(a.text);
    if (a.prefix)
        return b.text.starts_with(a.text);
    if (b.prefix)
        return a.text.starts_with(b.text);
    return a.text == b.text;
}

std::string owner_label(const owner_at& o) {
    return o.prefix ? o.text + "*" : o.text;
}

} // namespace

shard_map::parsed shard_map::parse(std::string_view text) {
    parsed out;
    std::vector<owner_at> owners;
    std::size_t line_no = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        auto line = text.substr(start, end - start);
        start = end + 1;
        ++line_no;
        if (auto hash = line.find('#'); hash != std::string_view::npos)
            line = line.substr(0, hash);
        auto words = shard_words(line);
        if (words.empty())
            continue;
        auto problem = [&](std::string reason) {
            out.problems.push_back({line_no, std::move(reason)});
        };
        if (words.size() < 3) {
            problem("se esperaba «nombre host:puerto unidades…» (name host:port owners…)");
            continue;
        }
        std::string name(words[0]);
        if (!shard_name_ok(name)) {
            problem("nombre de shard inválido «" + name +
                    "»: minúsculas, dígitos, - o _, hasta 32 (invalid shard name)");
            continue;
        }
        std::string address(words[1]);
        if (!shard_address_ok(address)) {
            problem("dirección inválida «" + address + "»: se esperaba host:puerto (host:port)");
            continue;
        }
        auto& shards = out.map.shards_;
        auto it = std::find_if(shards.begin(), shards.end(),
                               [&](const shard& s) { return s.name == name; });
        if (it != shards.end() && it->address != address) {
            problem("el shard «" + name + "» ya tiene la dirección " + it->address + " (línea " +
                    std::to_string(it->line) + ")");
            continue;
        }
        if (it == shards.end()) {
            auto same = std::find_if(shards.begin(), shards.end(),
                                     [&](const shard& s) { return s.address == address; });
            if (same != shards.end()) {
                problem("la dirección " + address + " ya es del shard «" + same->name +
                        "» (línea " + std::to_string(same->line) + ")");
                continue;
            }
            shards.push_back({name, address, {}, {}, line_no});
            it = shards.end() - 1;
        }
        std::size_t index = static_cast<std::size_t>(it - shards.begin());
        for (std::size_t w = 2; w < words.size(); ++w) {
            auto word = words[w];
            owner_at o{{}, word.ends_with('*'), index, line_no};
            auto value =
                o.prefix ? shard_prefix(word.substr(0, word.size() - 1)) : normalize_clues(word);
            if (!value) {
                problem("«" + std::string(word) +
                        "» no es una CLUES ni un prefijo de CLUES terminado en * (not a CLUES "
                        "or a CLUES prefix ending in *)");
                continue;
            }
            o.text = *value;
            auto clash = std::find_if(owners.begin(), owners.end(), [&](const owner_at& other) {
                return owners_overlap(o, other);
            });
            if (clash != owners.end()) {
                problem("«" + owner_label(o) + "» se cruza con «" + owner_label(*clash) +
                        "» del shard «" + shards[clash->shard].name + "» (línea " +
                        std::to_string(clash->line) + "): cada unidad debe tener un solo shard");
                continue;
            }
            (o.prefix ? it->prefixes : it->clues).push_back(o.text);
            owners.push_back(std::move(o));
        }
    }
    if (out.problems.empty() && out.map.shards_.empty())
        out.problems.push_back({0, "el mapa no nombra ningún shard (no shards)"});
    return out;
}

const shard* shard_map::find(std::string_view name) const {
    auto it = std::find_if(shards_.begin(), shards_.end(),
                           [&](const shard& s) { return s.name == name; });
    return it == shards_.end() ? nullptr : &*it;
}

const shard* shard_map::owner(std::string_view clues) const {
    // Owners never overlap (parse refuses it), so the first match is the only one.
    for (const auto& s : shards_) {
        if (std::find(s.clues.begin(), s.clues.end(), clues) != s.clues.end())
            return &s;
        for (const auto& p : s.prefixes)
            if (clues.starts_with(p))
                return &s;
    }
    return nullptr;
}

status shard_map::check_here(std::string_view clues, std::string_view self) const {
    const shard* s = owner(clues);
    if (!s)
        return fail(error_kind::not_found, "not_found",
                    "No existe la unidad «" + std::string(clues) + "».", "clues");
    if (s->name != self)
        return fail(error_kind::misdirected, "wrong_shard",
                    "La unidad «" + std::string(clues) + "» se atiende en otro servidor («" +
                        s->name + "»).",
                    s->name);
    return {};
}

std::vector<shard_problem> check_owners(const shard_map& map, const std::vector<std::string>& clues,
                                        std::size_t first_line) {
    std::vector<shard_problem> problems;
    for (std::size_t i = 0; i < clues.size(); ++i)
        if (!map.owner(clues[i]))
            problems.push_back({first_line + i, "ningún shard tiene la unidad «" + clues[i] +
                                                    "» (no shard owns this clinic)"});
    return problems;
}

} // namespace asamblea::domain
