#include "domain/assembly/proposal_csv.hpp"

#include "domain/assembly/proposal_review.hpp"
#include "domain/clinic.hpp"
#include "domain/csv.hpp"
#include "domain/text_chars.hpp"

#include <array>
#include <map>
#include <string>

namespace asamblea::domain {
namespace {

constexpr std::array<std::string_view, 3> required_columns = {"titulo", "categoria", "costo"};
constexpr std::array<std::string_view, 2> optional_columns = {"descripcion", "origen"};

bool is_known(std::string_view name) {
    for (auto c : required_columns)
        if (c == name)
            return true;
    for (auto c : optional_columns)
        if (c == name)
            return true;
    return false;
}

} // namespace

proposal_csv parse_proposal_csv(std::string_view text, centavos clinic_budget) {
    proposal_csv out;
    if (!valid_utf8(text)) {
        out.problems.push_back(
            {0, "El texto no está en UTF-8. Guarde el archivo como «CSV UTF-8» e intente de "
                "nuevo."});
        return out;
    }
    auto records = parse_csv(text);
    if (!records) {
        out.problems.push_back({0, records.error().message});
        return out;
    }
    if (records->empty()) {
        out.problems.push_back({1, "El archivo está vacío: falta el encabezado."});
        return out;
    }

    const csv_record& header = records->front();
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        std::string name = fold_for_search(std::string(trim_blanks(header.fields[i])));
        if (!is_known(name))
            out.problems.push_back({header.line, "Columna desconocida «" + name + "»."});
        else if (!column.emplace(name, i).second)
            out.problems.push_back({header.line, "La columna «" + name + "» está repetida."});
    }
    for (auto c : required_columns)
        if (!column.contains(std::string(c)))
            out.problems.push_back({header.line, "Falta la columna «" + std::string(c) + "»."});
    if (!out.problems.empty())
        return out;
    if (records->size() - 1 > max_csv_proposals) {
        out.problems.push_back({header.line, "El archivo tiene más de " +
                                                 std::to_string(max_csv_proposals) +
                                                 " propuestas; divídalo en partes."});
        return out;
    }

    for (std::size_t r = 1; r < records->size(); ++r) {
        const csv_record& rec = (*records)[r];
        if (rec.fields.size() != header.fields.size()) {
            out.problems.push_back({rec.line, "Tiene " + std::to_string(rec.fields.size()) +
                                                  " campos y se esperaban " +
                                                  std::to_string(header.fields.size()) + "."});
            continue;
        }
        auto get = [&](std::string_view name) -> std::string {
            auto it = column.find(std::string(name));
            return it == column.end() ? std::string()
                                      : std::string(trim_blanks(rec.fields[it->second]));
        };
        std::vector<std::string> reasons;
        proposal p;
        p.title = get("titulo");
        p.description = get("descripcion");
        auto cat = parse_category(fold_for_search(get("categoria")));
        if (!cat)
            reasons.push_back("la categoría «" + get("categoria") +
                              "» debe ser obra, mejoramiento, equipamiento o mobiliario.");
        else
            p.category = *cat;
        std::string source_text = fold_for_search(get("origen"));
        auto source = source_text.empty() ? std::optional{proposal_source::diagnostico}
                                          : parse_proposal_source(source_text);
        if (!source)
            reasons.push_back("el origen «" + get("origen") + "» debe ser diagnostico o asamblea.");
        else
            p.source = *source;
        auto cost = parse_pesos(get("costo"));
        if (!cost)
            reasons.push_back("el costo «" + get("costo") +
                              "» debe ser una cantidad en pesos, como 85000 o $85,000.00.");
        else
            p.cost = *cost;
        if (cat && source && cost) {
            auto checked = check_new_proposal(p, clinic_budget);
            if (!checked)
                reasons.push_back(checked.error().message);
            else
                p = std::move(*checked);
        }
        if (!reasons.empty()) {
            std::string reason;
            for (auto& s : reasons) {
                if (!reason.empty())
                    reason += " ";
                if (!s.empty() && s[0] >= 'a' && s[0] <= 'z')
                    s[0] = static_cast<char>(s[0] - 'a' + 'A');
                reason += s;
            }
            out.problems.push_back({rec.line, reason});
            continue;
        }
        out.proposals.push_back(std::move(p));
    }
    if (out.problems.empty() && out.proposals.empty())
        out.problems.push_back({1, "El archivo no tiene ninguna propuesta."});
    return out;
}

} // namespace asamblea::domain
