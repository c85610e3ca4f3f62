#include "domain/assembly/attendee.hpp"

#include "domain/assembly/text_field.hpp"

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
    auto clean_identifier = normalize_identifier(identifier);
    if (!clean_identifier)
        return std::unexpected(clean_identifier.error());
    auto s = parse_sex(sexo);
    if (!s)
        return fail(error_kind::invalid, "invalid_field", "Elija mujer, hombre u otro.", "sexo");
    return new_attendee{std::move(*clean_nombre), std::move(*clean_identifier), *s};
}

} // namespace asamblea::domain
