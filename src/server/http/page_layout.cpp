#include "server/http/page_layout.hpp"

#include <stdexcept>
#include <utility>

namespace asamblea::server {
namespace {

// A placeholder's arguments: present or not is what sections test; a bare flag has no value.
using arguments = std::map<std::string, std::string, std::less<>>;

constexpr std::string_view placeholder_open = "<!--#";
constexpr std::string_view placeholder_close = "-->";
constexpr auto npos = std::string_view::npos;

[[noreturn]] void fail(std::string_view what, std::string_view near) {
    std::string message(what);
    message += ": ";
    message += near.substr(0, 80);
    throw std::runtime_error(message);
}

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// `header name="Coordinación" session` -> the partial's name and its arguments.
std::pair<std::string_view, arguments> parse_placeholder(std::string_view text) {
    std::size_t i = 0;
    auto read_name = [&] {
        auto start = i;
        while (i < text.size() && is_name_char(text[i]))
            ++i;
        return text.substr(start, i - start);
    };
    auto name = read_name();
    if (name.empty())
        fail("layout placeholder without a partial's name", text);
    arguments args;
    for (;;) {
        if (i < text.size() && !is_blank(text[i]))
            fail("layout placeholder: a space must separate the arguments", text);
        while (i < text.size() && is_blank(text[i]))
            ++i;
        if (i == text.size())
            return {name, std::move(args)};
        auto key = read_name();
        if (key.empty())
            fail("layout placeholder: bad argument name", text.substr(i));
        std::string value;
        if (i < text.size() && text[i] == '=') {
            if (i + 1 >= text.size() || text[i + 1] != '"')
                fail("layout placeholder: the value must be in double quotes", text.substr(i));
            auto end = text.find('"', i + 2);
            if (end == npos)
                fail("layout placeholder: unclosed quote", text.substr(i));
            value = text.substr(i + 2, end - i - 2);
            i = end + 1;
        }
        args.insert_or_assign(std::string(key), std::move(value));
    }
}

// A section tag alone on its line (spaces around it) takes the whole line, newline included,
// so the filled page has no blank lines where a section was left out. [begin, end) is the tag.
std::pair<std::size_t, std::size_t> with_its_line(std::string_view text, std::size_t begin,
                                                  std::size_t end) {
    auto line_start = begin;
    while (line_start > 0 && (text[line_start - 1] == ' ' || text[line_start - 1] == '\t'))
        --line_start;
    if (line_start > 0 && text[line_start - 1] != '\n')
        return {begin, end};
    auto line_end = end;
    while (line_end < text.size() &&
           (text[line_end] == ' ' || text[line_end] == '\t' || text[line_end] == '\r'))
        ++line_end;
    if (line_end == text.size())
        return {line_start, line_end};
    if (text[line_end] != '\n')
        return {begin, end};
    return {line_start, line_end + 1};
}

// The partial with its {{key}}, {{#key}}...{{/key}}, {{^key}}...{{/key}} and {{! comment}} filled.
// A section ends at the first {{/key}}: sections of different keys nest, one key inside itself does
// not.
std::string render(std::string_view partial, const arguments& args) {
    std::string out;
    std::size_t pos = 0;
    while (pos < partial.size()) {
        auto open = partial.find("{{", pos);
        if (open == npos) {
            out += partial.substr(pos);
            break;
        }
        auto close = partial.find("}}", open + 2);
        if (close == npos)
            fail("partial: unclosed {{", partial.substr(open));
        auto tag = partial.substr(open + 2, close - open - 2);
        if (tag.empty() || tag == "#" || tag == "^" || tag.front() == '/')
            fail("partial: a tag without its key, or a section closed but never opened",
                 partial.substr(open));
        if (tag.front() == '!') { // a comment for whoever edits the partial, not sent
            auto [begin, end] = with_its_line(partial, open, close + 2);
            out += partial.substr(pos, begin - pos);
            pos = end;
            continue;
        }
        if (tag.front() != '#' && tag.front() != '^') {
            out += partial.substr(pos, open - pos);
            if (auto it = args.find(tag); it != args.end())
                out += it->second;
            pos = close + 2;
            continue;
        }
        auto key = tag.substr(1);
        std::string end_tag = "{{/";
        end_tag += key;
        end_tag += "}}";
        auto end = partial.find(end_tag, close + 2);
        if (end == npos)
            fail("partial: section never closed", partial.substr(open));
        auto [open_begin, open_end] = with_its_line(partial, open, close + 2);
        auto [end_begin, end_end] = with_its_line(partial, end, end + end_tag.size());
        out += partial.substr(pos, open_begin - pos);
        bool given = args.find(key) != args.end();
        if (given == (tag.front() == '#'))
            out += render(partial.substr(open_end, end_begin - open_end), args);
        pos = end_end;
    }
    return out;
}

} // namespace

std::string fill_layout(std::string_view page, const page_partials& partials) {
    std::string out;
    std::size_t pos = 0;
    for (;;) {
        auto open = page.find(placeholder_open, pos);
        if (open == npos)
            break;
        auto inside = open + placeholder_open.size();
        auto close = page.find(placeholder_close, inside);
        if (close == npos)
            fail("unclosed layout placeholder", page.substr(open));
        auto [name, args] = parse_placeholder(page.substr(inside, close - inside));
        auto partial = partials.find(name);
        if (partial == partials.end())
            fail("no such partial", name);
        out += page.substr(pos, open - pos);
        auto filled = render(partial->second, args);
        // The partial's file ends with a newline, and so does the placeholder's line.
        if (!filled.empty() && filled.back() == '\n')
            filled.pop_back();
        out += filled;
        pos = close + placeholder_close.size();
    }
    out += page.substr(pos);
    return out;
}

} // namespace asamblea::server
