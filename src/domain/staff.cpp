#include "domain/staff.hpp"

#include <algorithm>

namespace asamblea::domain {

std::string_view to_string(role r) {
    switch (r) {
    case role::coordinator:
        return "coordinator";
    case role::moderator:
        return "moderator";
    case role::committee:
        return "committee";
    }
    return "moderator";
}

std::optional<role> parse_role(std::string_view text) {
    for (role r : {role::coordinator, role::moderator, role::committee})
        if (to_string(r) == text)
            return r;
    return std::nullopt;
}

status authorize(const principal& who, std::initializer_list<role> roles, std::string_view clues) {
    if (std::find(roles.begin(), roles.end(), who.role) == roles.end())
        return fail(error_kind::forbidden, "wrong_role",
                    "Su cuenta no tiene permiso para esta acción.");
    bool national = who.role == role::coordinator && who.clinics.empty();
    if (!national && !clues.empty() &&
        std::find(who.clinics.begin(), who.clinics.end(), clues) == who.clinics.end())
        return fail(error_kind::forbidden, "wrong_clinic",
                    "Su cuenta no tiene permiso en esta unidad de salud.");
    return {};
}

status check_username(std::string_view username) {
    bool ok = username.size() >= 3 && username.size() <= 40;
    for (char c : username)
        ok = ok &&
             ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_');
    if (!ok)
        return fail(error_kind::invalid, "bad_username",
                    "El usuario debe tener de 3 a 40 letras minúsculas, números, '.', '-' o '_'.",
                    "username");
    return {};
}

status check_password(std::string_view password) {
    if (password.size() < 10 || password.size() > 128)
        return fail(error_kind::invalid, "bad_password",
                    "La contraseña debe tener entre 10 y 128 caracteres.", "password");
    return {};
}

} // namespace asamblea::domain
