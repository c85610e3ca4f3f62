#include "domain/invitation.hpp"

#include "domain/assembly/credential_code.hpp"

namespace asamblea::domain {

std::string make_invitation_code(std::span<const unsigned char, invitation_code_length> random) {
    return make_alphabet_code(random);
}

std::optional<std::string> parse_invitation_code(std::string_view text) {
    return parse_alphabet_code(text, invitation_code_length);
}

std::string display_invitation_code(std::string_view code) {
    if (code.size() != invitation_code_length)
        return std::string(code);
    return std::string(code.substr(0, 4)) + "-" + std::string(code.substr(4, 4)) + "-" +
           std::string(code.substr(8));
}

status check_claimable(bool open, std::string_view expires_at, std::string_view now) {
    if (!open)
        return fail(error_kind::conflict, "invitation_used",
                    "Este código ya se usó o fue reemplazado por otro. Pida uno nuevo a la mesa "
                    "de la asamblea.",
                    "code");
    if (expires_at <= now)
        return fail(
            error_kind::conflict, "invitation_expired",
            "Este código venció: servía " +
                std::to_string(
                    std::chrono::duration_cast<std::chrono::days>(invitation_lifetime).count()) +
                " días después de generarse. Pida uno nuevo a quien modera la asamblea.",
            "code");
    return {};
}

} // namespace asamblea::domain
