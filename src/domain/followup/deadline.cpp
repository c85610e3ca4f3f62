#include "domain/followup/deadline.hpp"

#include "domain/followup/civil_date.hpp"
#include "domain/text_chars.hpp"

namespace asamblea::domain {
namespace {

constexpr int urgent_days = 7;
constexpr int near_days = 30;

std::unexpected<error> bad_deadline() {
    return fail(error_kind::invalid, "deadline_invalid",
                "La fecha límite debe ser una fecha válida con la forma AAAA-MM-DD.", "deadline");
}

std::string days(int n) {
    return std::to_string(n) + (n == 1 ? " día" : " días");
}

} // namespace

std::string default_deadline(int edition) {
    return std::to_string(edition) + "-12-24";
}

result<std::string> parse_deadline(std::string_view text) {
    text = trim_blanks(text);
    if (!parse_civil_date(text))
        return bad_deadline();
    return std::string(text);
}

result<deadline_info> deadline_status(std::string_view deadline, std::string_view today) {
    auto end = parse_civil_date(trim_blanks(deadline));
    auto now = parse_civil_date(trim_blanks(today));
    if (!end || !now)
        return bad_deadline();
    deadline_info out;
    out.days_left = *end - *now;
    if (out.days_left < 0) {
        out.level = deadline_level::vencido;
        out.text = "El plazo venció hace " + days(-out.days_left);
    } else if (out.days_left == 0) {
        out.level = deadline_level::urgente;
        out.text = "Hoy vence el plazo";
    } else {
        out.level = out.days_left <= urgent_days ? deadline_level::urgente
                    : out.days_left <= near_days ? deadline_level::cerca
                                                 : deadline_level::lejos;
        out.text =
            (out.days_left == 1 ? "Queda " : "Quedan ") + days(out.days_left) + " para comprobar";
    }
    return out;
}

std::string_view to_string(deadline_level level) {
    switch (level) {
    case deadline_level::lejos:
        return "lejos";
    case deadline_level::cerca:
        return "cerca";
    case deadline_level::urgente:
        return "urgente";
    case deadline_level::vencido:
        return "vencido";
    }
    return "";
}

} // namespace asamblea::domain
