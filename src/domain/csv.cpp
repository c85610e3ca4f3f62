#include "domain/csv.hpp"

namespace asamblea::domain {

result<std::vector<csv_record>> parse_csv(std::string_view text, char separator) {
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    std::vector<csv_record> records;
    csv_record current;
    std::string field;
    std::size_t line = 1;
    bool in_quotes = false;
    bool field_was_quoted = false;
    bool record_has_content = false;

    auto end_field = [&] {
        current.fields.push_back(std::move(field));
        field.clear();
        field_was_quoted = false;
    };
    auto end_record = [&] {
        end_field();
        if (record_has_content)
            records.push_back(std::move(current));
        current = csv_record{};
        record_has_content = false;
    };

    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (!record_has_content && current.fields.empty() && field.empty() && !in_quotes)
            current.line = line;
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    in_quotes = false;
                }
            } else {
                if (c == '\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && field.empty() && !field_was_quoted) {
            in_quotes = true;
            field_was_quoted = true;
            record_has_content = true;
        } else if (c == separator) {
            record_has_content = true;
            end_field();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue; // the \n ends the record
        } else if (c == '\n' || c == '\r') {
            end_record();
            ++line;
        } else {
            record_has_content = true;
            field += c;
        }
    }
    if (in_quotes)
        return fail(error_kind::invalid, "csv_unclosed_quote",
                    "Línea " + std::to_string(current.line) + ": comillas sin cerrar.");
    end_record();
    return records;
}

bool valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        unsigned min = 0;
        unsigned cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1, min = 0x80, cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2, min = 0x800, cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3, min = 0x10000, cp = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= text.size())
            return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            auto cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

} // namespace asamblea::domain
