#pragma once
/// Finding text in the PDFs the server writes (the acta, the informe): uncompressed, so the text
/// is in the bytes, as libharu writes a PDF string.

#include "server/views/pdf_writer.hpp"

#include <string>
#include <string_view>

namespace pdf_text {

/// The text as libharu writes it inside a PDF string: CP1252 bytes, with bytes outside printable
/// ASCII and PDF delimiters as \ooo octal escapes.
inline std::string pdf_literal(const std::string& utf8) {
    std::string out;
    for (char ch : asamblea::server::utf8_to_cp1252(utf8)) {
        auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c > 0x7e ||
            std::string_view("\\%#/()<>[]{}").find(ch) != std::string_view::npos) {
            out.push_back('\\');
            out.push_back(static_cast<char>('0' + (c >> 6)));
            out.push_back(static_cast<char>('0' + ((c >> 3) & 7)));
            out.push_back(static_cast<char>('0' + (c & 7)));
        } else {
            out.push_back(ch);
        }
    }
    return out;
}

/// True when `pdf` shows `utf8` on one line.
inline bool pdf_has(const std::string& pdf, const std::string& utf8) {
    return pdf.find(pdf_literal(utf8)) != std::string::npos;
}

} // namespace pdf_text
