#include "domain/clinic_csv.hpp"

#include "domain/csv.hpp"
#include "domain/text_chars.hpp"

#include <array>
#include <cctype>
#include <map>
#include <optional>

namespace asamblea::domain {
namespace {

constexpr std::array required = {"clues",       "nombre",       "entidad", "municipio",
                                 "institucion", "consultorios", "tipo"};
constexpr std::string_view optional_budget = "presupuesto";

std::optional<int> parse_count(std::string_view s) {
    if (s.empty() || s.size() > 6)
        return std::nullopt;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

// Splits the text into lines only to check each line's encoding before CSV parsing.
void check_encoding(std::string_view text, std::vector<csv_problem>& problems) {
    std::size_t line = 1;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == '\n') {
            if (!valid_utf8(text.substr(start, i - start)))
                problems.push_back({line, "El texto no está en UTF-8. Guarde el archivo como "
                                          "«CSV UTF-8» e intente de nuevo."});
            ++line;
            start = i + 1;
        }
    }
}

} // namespace

clinic_csv parse_clinic_csv(std::string_view text) {
    clinic_csv out;
    check_encoding(text, out.problems);
    if (!out.problems.empty())
        return out;
    auto records = parse_csv(text);
    if (!records) {
        out.problems.push_back({0, records.error().message});
        return out;
    }
    if (records->empty()) {
        out.problems.push_back({1, "El archivo está vacío: falta el encabezado."});
        return out;
    }

    // Header: every required column once, presupuesto optionally, nothing else.
    const csv_record& header = records->front();
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        std::string name = fold_for_search(std::string(trim_blanks(header.fields[i])));
        bool known = name == optional_budget;
        for (auto r : required)
            known = known || name == r;
        if (!known)
            out.problems.push_back({header.line, "Columna desconocida «" + name + "»."});
        else if (!column.emplace(name, i).second)
            out.problems.push_back({header.line, "La columna «" + name + "» está repetida."});
    }
    for (auto r : required)
        if (!column.contains(r))
            out.problems.push_back({header.line, std::string("Falta la columna «") + r + "»."});
    if (!out.problems.empty())
        return out;
    bool has_budget = column.contains(std::string(optional_budget));

    std::map<std::string, std::size_t> seen; // clues -> line
    for (std::size_t r = 1; r < records->size(); ++r) {
        const csv_record& rec = (*records)[r];
        std::vector<std::string> reasons;
        if (rec.fields.size() != header.fields.size()) {
            out.problems.push_back({rec.line, "Tiene " + std::to_string(rec.fields.size()) +
                                                  " campos y se esperaban " +
                                                  std::to_string(header.fields.size()) + "."});
            continue;
        }
        auto get = [&](std::string_view name) {
            return std::string(trim_blanks(rec.fields[column.at(std::string(name))]));
        };
        clinic c;
        auto clues = normalize_clues(get("clues"));
        if (!clues)
            reasons.push_back("CLUES «" + get("clues") +
                              "» no es válida (5 letras y 6 dígitos, p. ej. DFSSA003441)");
        else
            c.clues = *clues;
        c.nombre = get("nombre");
        c.entidad = get("entidad");
        c.municipio = get("municipio");
        c.institucion = get("institucion");
        c.tipo = get("tipo");
        for (auto [value, label] : {std::pair{&c.nombre, "nombre"},
                                    {&c.entidad, "entidad"},
                                    {&c.municipio, "municipio"},
                                    {&c.institucion, "institucion"},
                                    {&c.tipo, "tipo"}})
            if (value->empty())
                reasons.push_back(std::string("falta ") + label);
        auto consultorios = parse_count(get("consultorios"));
        if (!consultorios || *consultorios < 1)
            reasons.push_back("consultorios «" + get("consultorios") +
                              "» debe ser un número entero de 1 o más");
        else
            c.consultorios = *consultorios;
        std::string budget_text = has_budget ? get("presupuesto") : "";
        if (!budget_text.empty()) {
            auto budget = parse_pesos(budget_text);
            if (!budget)
                reasons.push_back("presupuesto «" + budget_text +
                                  "» debe ser una cantidad en pesos, sin signo negativo");
            else
                c.presupuesto = *budget;
        } else if (consultorios) {
            c.presupuesto = budget_for_tier(c.consultorios, c.tipo);
        }
        if (clues) {
            auto [it, fresh] = seen.emplace(*clues, rec.line);
            if (!fresh)
                reasons.push_back("la CLUES " + *clues + " ya aparece en la línea " +
                                  std::to_string(it->second));
        }
        if (!reasons.empty()) {
            std::string reason;
            for (auto& s : reasons)
                reason += (reason.empty() ? "" : "; ") + s;
            reason[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(reason[0])));
            out.problems.push_back({rec.line, reason + "."});
            continue;
        }
        out.clinics.push_back(std::move(c));
    }
    if (out.problems.empty() && out.clinics.empty())
        out.problems.push_back({1, "El archivo no tiene ninguna unidad."});
    return out;
}

} // namespace asamblea::domain
