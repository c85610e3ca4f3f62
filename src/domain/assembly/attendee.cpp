#include "domain/assembly/attendee.hpp"

#include "domain/assembly/text_field.hpp"
#include "domain/clinic.hpp"

#include <array>

namespace asamblea::domain {
namespace {

constexpr std::array<std::string_view, 3> sex_names = {"mujer", "hombre", "otro"};

error bad_identifier(std::string message) {
    return {error_kind::invalid, "invalid_identifier", std::move(message), "identificador", 0};
}

} // namespace

std::string_view to_string(sex s) {
    return sex_names[static_cast<std::size_t>(s)];
}

std::optional<sex> parse_sex(std::string_view text) {
    for (std::size_t i = 0; i < sex_names.size(); ++i)
        if (sex_names[i] == text)
            return static_cast<sex>(i);
    return std::nullopt;
}

result<std::string> normalize_identifier(std::string_view text) {
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue; // people type "1234 5678 90"; the spaces carry no meaning
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '/') {
            out += c;
        } else if (c == '\xC3' && i + 1 < text.size() &&
                   (text[i + 1] == '\xB1' || text[i + 1] == '\x91')) {
            out += "\xC3\x91"; // ñ and Ñ both become Ñ
            ++i;
        } else {
            return std::unexpected(bad_identifier("El identificador solo puede tener letras, "
                                                  "números, guiones, puntos o diagonales."));
        }
        ++chars;
    }
    if (chars == 0)
        return std::unexpected(
            bad_identifier("Escriba el identificador (por ejemplo, el número de afiliación)."));
    if (chars < 3 || chars > max_identifier_chars)
        return std::unexpected(bad_identifier("El identificador debe tener de 3 a " +
                                              std::to_string(max_identifier_chars) +
                                              " caracteres."));
    return out;
}

result<std::string> normalize_nombre(std::string_view text) {
    return clean_text(text, {"nombre", "el nombre", 2, max_nombre_chars, false});
}

result<new_attendee> check_new_attendee(std::string_view nombre, std::string_view identifier,
                                        std::string_view sexo, bool adult_confirmed) {
    if (!adult_confirmed)
        return fail(error_kind::invalid, "not_adult",
                    "Solo pueden registrarse personas mayores de edad. Confirme la edad de la "
                    "persona.",
                    "mayor_de_edad");
    auto clean_nombre = normalize_nombre(nombre);
    if (!clean_nombre)
        return std::unexpected(clean_nombre.error());
    std::string clean_identifier;
    if (identifier.find_first_not_of(" \t\r\n") != std::string_view::npos) {
        auto checked = normalize_identifier(identifier);
        if (!checked)
            return std::unexpected(checked.error());
        clean_identifier = std::move(*checked);
    }
    auto s = parse_sex(sexo);
    if (!s)
        return fail(error_kind::invalid, "invalid_field", "Elija mujer, hombre u otro.", "sexo");
    return new_attendee{std::move(*clean_nombre), std::move(clean_identifier), *s};
}

std::string attendee_key(const new_attendee& person) {
    if (!person.identifier.empty())
        return person.identifier;
    // Lower case and ':' never appear in a normalized identifier, so the two kinds never meet.
    return "nombre:" + fold_for_search(person.nombre);
}

namespace {

// "2026-02-21T17:05:00.000Z" → "11:05 h" (fixed UTC−6); empty when it cannot be read.
std::string attendee_clock(std::string_view utc) {
    if (utc.size() < 16 || utc[13] != ':')
        return {};
    auto two = [&](std::size_t pos) {
        char a = utc[pos], b = utc[pos + 1];
        return (a < '0' || a > '9' || b < '0' || b > '9') ? -1 : (a - '0') * 10 + (b - '0');
    };
    int h = two(11), m = two(14);
    if (h < 0 || h > 23 || m < 0 || m > 59)
        return {};
    h = (h + 24 - 6) % 24;
    std::string out = std::to_string(h) + ":";
    if (m < 10)
        out += '0';
    return out + std::to_string(m) + " h";
}

} // namespace

error duplicate_attendee(std::string_view other_nombre, std::string_view other_registered_at_utc,
                         bool by_name) {
    std::string other = "«" + std::string(other_nombre) + "»";
    if (auto clock = attendee_clock(other_registered_at_utc); !clock.empty())
        other += ", registrada a las " + clock;
    std::string message =
        by_name ? "Ya hay una persona registrada con ese nombre: " + other +
                      ". No se emitió otra credencial. Si es otra persona con el mismo nombre, "
                      "escriba su identificador (por ejemplo, el número de afiliación)."
                : "Esa persona ya está registrada con ese identificador: " + other +
                      ". No se emitió otra credencial; si perdió la suya, búsquela en la lista y "
                      "use «Reponer credencial».";
    return {error_kind::conflict, "duplicate_attendee", std::move(message),
            by_name ? "nombre" : "identificador", 0};
}

} // namespace asamblea::domain
