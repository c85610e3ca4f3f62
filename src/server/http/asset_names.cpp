#include "server/http/asset_names.hpp"

#include "store/crypto.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>
#include <vector>

namespace asamblea::server {
namespace {

enum class asset_kind { page, style, script, other };

asset_kind asset_kind_of(std::string_view path) {
    auto dot = path.rfind('.');
    auto ext = dot == std::string_view::npos ? std::string_view{} : path.substr(dot);
    if (ext == ".html")
        return asset_kind::page;
    if (ext == ".css")
        return asset_kind::style;
    if (ext == ".js" || ext == ".mjs")
        return asset_kind::script;
    return asset_kind::other;
}

// A reference found in a file: where its text is and what it says.
struct asset_ref {
    std::size_t pos;
    std::size_t len;
    std::string spec;
};

bool asset_ident_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$';
}

bool asset_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::size_t skip_asset_space(std::string_view s, std::size_t i) {
    while (i < s.size() && asset_space(s[i]))
        ++i;
    return i;
}

// A quoted string starting at i (the quote); on one line, as specifiers and URLs are.
bool read_asset_quoted(std::string_view s, std::size_t i, std::vector<asset_ref>& out) {
    if (i >= s.size() || (s[i] != '\'' && s[i] != '"'))
        return false;
    char q = s[i];
    auto end = i + 1;
    while (end < s.size() && s[end] != q && s[end] != '\n')
        ++end;
    if (end >= s.size() || s[end] != q)
        return false;
    out.push_back({i + 1, end - i - 1, std::string(s.substr(i + 1, end - i - 1))});
    return true;
}

bool word_at(std::string_view s, std::size_t i, std::string_view word) {
    if (s.substr(i, word.size()) != word)
        return false;
    if (i > 0 && (asset_ident_char(s[i - 1]) || s[i - 1] == '.'))
        return false;
    auto after = i + word.size();
    return after >= s.size() || !asset_ident_char(s[after]);
}

// import x from './a.js'; export {y} from './b.js'; import './c.js'; import('./d.js').
// Comments and strings are not parsed: a "from './x.js'" in a comment is rewritten too, harmlessly.
std::vector<asset_ref> script_refs(std::string_view s) {
    std::vector<asset_ref> out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == 'f' && word_at(s, i, "from")) {
            read_asset_quoted(s, skip_asset_space(s, i + 4), out);
        } else if (s[i] == 'i' && word_at(s, i, "import")) {
            auto j = skip_asset_space(s, i + 6);
            if (j < s.size() && s[j] == '(')
                j = skip_asset_space(s, j + 1);
            read_asset_quoted(s, j, out);
        }
    }
    return out;
}

bool starts_with_nocase(std::string_view s, std::size_t i, std::string_view word) {
    if (s.size() - std::min(i, s.size()) < word.size())
        return false;
    for (std::size_t k = 0; k < word.size(); ++k) {
        char c = s[i + k];
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        if (c != word[k])
            return false;
    }
    return true;
}

// url(a.svg), url("a.svg"), @import "b.css".
std::vector<asset_ref> style_refs(std::string_view s) {
    std::vector<asset_ref> out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (starts_with_nocase(s, i, "url(") && (i == 0 || !asset_ident_char(s[i - 1]))) {
            auto j = skip_asset_space(s, i + 4);
            if (j < s.size() && (s[j] == '\'' || s[j] == '"')) {
                read_asset_quoted(s, j, out);
            } else {
                auto end = s.find(')', j);
                if (end == std::string_view::npos)
                    continue;
                auto last = end;
                while (last > j && asset_space(s[last - 1]))
                    --last;
                out.push_back({j, last - j, std::string(s.substr(j, last - j))});
            }
        } else if (starts_with_nocase(s, i, "@import")) {
            read_asset_quoted(s, skip_asset_space(s, i + 7), out);
        }
    }
    return out;
}

// The src or href of <script>, <link> and <img>.
std::vector<asset_ref> page_refs(std::string_view s) {
    std::vector<asset_ref> out;
    for (std::size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
        std::size_t name_end = i + 1;
        while (name_end < s.size() && asset_ident_char(s[name_end]))
            ++name_end;
        auto name_len = name_end - i - 1;
        if (!((name_len == 6 && starts_with_nocase(s, i + 1, "script")) ||
              (name_len == 4 && starts_with_nocase(s, i + 1, "link")) ||
              (name_len == 3 && starts_with_nocase(s, i + 1, "img"))))
            continue;
        auto end = s.find('>', name_end);
        if (end == std::string_view::npos)
            break;
        for (auto j = name_end; j < end; ++j) {
            if (!asset_space(s[j - 1]))
                continue;
            std::size_t after = 0;
            if (starts_with_nocase(s, j, "src"))
                after = j + 3;
            else if (starts_with_nocase(s, j, "href"))
                after = j + 4;
            else
                continue;
            auto eq = skip_asset_space(s, after);
            if (eq >= end || s[eq] != '=')
                continue;
            read_asset_quoted(s, skip_asset_space(s, eq + 1), out);
        }
        i = end;
    }
    return out;
}

std::vector<asset_ref> refs_of(asset_kind kind, std::string_view text) {
    switch (kind) {
    case asset_kind::page:
        return page_refs(text);
    case asset_kind::style:
        return style_refs(text);
    case asset_kind::script:
        return script_refs(text);
    case asset_kind::other:
        break;
    }
    return {};
}

// The web path a reference names, or empty when it names nothing of ours (another site, data:,
// a query, a bare module name); a page's relative references are left alone because a page is
// served under several addresses (/c/{clues}/votar).
std::string resolve_asset_ref(std::string_view spec, std::string_view from, asset_kind kind) {
    auto cut = spec.find('#');
    if (cut != std::string_view::npos)
        spec = spec.substr(0, cut);
    if (spec.empty() || spec.find('?') != std::string_view::npos || spec.starts_with("//"))
        return {};
    auto colon = spec.find(':');
    if (colon != std::string_view::npos && colon < spec.find('/'))
        return {};
    std::string path;
    if (spec.front() == '/') {
        path = spec;
    } else {
        if (kind == asset_kind::page)
            return {};
        if (kind == asset_kind::script && !spec.starts_with("./") && !spec.starts_with("../"))
            return {};
        path = from.substr(0, from.rfind('/') + 1);
        path += spec;
    }
    path = std::filesystem::path(path).lexically_normal().generic_string();
    return path.starts_with('/') ? path : std::string{};
}

// The text with each reference to a named file given its hashed name; others stay as written.
std::string rewrite_asset_refs(const std::string& text, const std::string& from, asset_kind kind,
                               const std::map<std::string, std::string>& hashes) {
    auto refs = refs_of(kind, text);
    std::string out;
    out.reserve(text.size() + refs.size() * (asset_hash_length + 1));
    std::size_t done = 0;
    for (const auto& r : refs) {
        auto it = hashes.find(resolve_asset_ref(r.spec, from, kind));
        if (it == hashes.end())
            continue;
        std::string_view spec = r.spec;
        auto cut = std::min(spec.find('#'), spec.size());
        out.append(text, done, r.pos - done);
        out += with_hash(spec.substr(0, cut), it->second);
        out += spec.substr(cut);
        done = r.pos + r.len;
    }
    out.append(text, done, std::string::npos);
    return out;
}

std::string short_hash(std::string_view bytes) {
    return store::sha256_hex(bytes).substr(0, asset_hash_length);
}

} // namespace

std::string with_hash(std::string_view path, std::string_view hash) {
    auto slash = path.rfind('/');
    auto base = slash == std::string_view::npos ? 0 : slash + 1;
    auto dot = path.rfind('.');
    std::string out;
    if (dot == std::string_view::npos || dot <= base) {
        out = path;
        out += '.';
        out += hash;
        return out;
    }
    out = path.substr(0, dot);
    out += '.';
    out += hash;
    out += path.substr(dot);
    return out;
}

std::string without_hash(std::string_view path) {
    auto dot = path.rfind('.');
    if (dot == std::string_view::npos || dot < asset_hash_length + 2)
        return {};
    auto start = dot - asset_hash_length;
    auto slash = path.rfind('/');
    if (path[start - 1] != '.' || (slash != std::string_view::npos && start - 1 <= slash + 1))
        return {};
    for (auto c : path.substr(start, asset_hash_length))
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return {};
    std::string out(path.substr(0, start - 1));
    out += path.substr(dot);
    return out;
}

std::map<std::string, named_asset> name_assets(const std::map<std::string, std::string>& files) {
    std::map<std::string, std::string> hashes; // web path → hash of what is served under it
    std::map<std::string, named_asset> out;

    // Images and other leaves first: their hash is that of their bytes.
    std::vector<std::string> linked; // styles and scripts, which name other files
    for (const auto& [path, text] : files) {
        auto kind = asset_kind_of(path);
        if (kind == asset_kind::other)
            hashes.emplace(path, short_hash(text));
        else if (kind != asset_kind::page)
            linked.push_back(path);
    }

    // Styles and scripts in dependency order (Tarjan's strongly connected components come out
    // dependencies first), so a file's hash covers the hashed names of what it imports.
    std::map<std::string, std::vector<std::string>> edges;
    for (const auto& path : linked) {
        auto kind = asset_kind_of(path);
        std::set<std::string> deps;
        for (const auto& r : refs_of(kind, files.at(path))) {
            auto target = resolve_asset_ref(r.spec, path, kind);
            if (files.contains(target) && asset_kind_of(target) != asset_kind::other &&
                asset_kind_of(target) != asset_kind::page)
                deps.insert(target);
        }
        edges.emplace(path, std::vector<std::string>(deps.begin(), deps.end()));
    }
    std::map<std::string, std::pair<int, int>> seen; // index, lowlink
    std::vector<std::string> stack;
    std::set<std::string> on_stack;
    int next_index = 0;
    auto name_component = [&](const std::vector<std::string>& members) {
        bool cycle =
            members.size() > 1 || std::ranges::count(edges[members.front()], members.front()) > 0;
        if (!cycle) {
            const auto& path = members.front();
            auto body = rewrite_asset_refs(files.at(path), path, asset_kind_of(path), hashes);
            hashes[path] = short_hash(body);
            out[path] = {with_hash(path, hashes[path]), std::move(body)};
            return;
        }
        // Files that import each other: one key over all of them, with what they import from
        // outside already named, so a change in any one renames them all.
        std::string key;
        for (const auto& path : members) { // sorted: members come from a std::set below
            key += path;
            key += '\0';
            key += rewrite_asset_refs(files.at(path), path, asset_kind_of(path), hashes);
            key += '\0';
        }
        auto common = store::sha256_hex(key);
        for (const auto& path : members)
            hashes[path] = short_hash(common + path);
        for (const auto& path : members) {
            auto body = rewrite_asset_refs(files.at(path), path, asset_kind_of(path), hashes);
            out[path] = {with_hash(path, hashes[path]), std::move(body)};
        }
    };
    std::function<void(const std::string&)> visit = [&](const std::string& path) {
        seen[path] = {next_index, next_index};
        ++next_index;
        stack.push_back(path);
        on_stack.insert(path);
        for (const auto& dep : edges[path]) {
            if (!seen.contains(dep)) {
                visit(dep);
                seen[path].second = std::min(seen[path].second, seen[dep].second);
            } else if (on_stack.contains(dep)) {
                seen[path].second = std::min(seen[path].second, seen[dep].first);
            }
        }
        if (seen[path].second != seen[path].first)
            return;
        std::set<std::string> members;
        for (;;) {
            auto top = stack.back();
            stack.pop_back();
            on_stack.erase(top);
            members.insert(top);
            if (top == path)
                break;
        }
        name_component(std::vector<std::string>(members.begin(), members.end()));
    };
    for (const auto& path : linked)
        if (!seen.contains(path))
            visit(path);

    for (const auto& [path, text] : files) {
        auto kind = asset_kind_of(path);
        if (kind == asset_kind::page)
            out[path] = {std::string{}, rewrite_asset_refs(text, path, kind, hashes)};
        else if (kind == asset_kind::other)
            out[path] = {with_hash(path, hashes.at(path)), text};
    }
    return out;
}

} // namespace asamblea::server
