#include "domain/tally/pabulib.hpp"

#include "domain/tally/decimal_amount.hpp"
#include "domain/text_chars.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>

namespace asamblea::domain {

namespace {

struct record {
    std::size_t line = 0;
    std::vector<std::string> fields;
    bool blank() const { return fields.size() == 1 && fields[0].empty(); }
};

std::unexpected<error> bad(std::size_t line, const std::string& what, std::string field = {}) {
    return fail(error_kind::invalid, "pabulib_invalid",
                "Línea " + std::to_string(line) + ": " + what, std::move(field));
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    });
    return out;
}

// Splits the text into `;`-separated records with CSV quoting; a quoted field may span lines, and
// the record keeps the number of the line it starts on.
class record_reader {
public:
    explicit record_reader(std::string_view text) : text_(text) {}

    bool done() const { return pos_ >= text_.size(); }
    std::size_t line() const { return line_; }

    result<record> next() {
        record r;
        r.line = line_;
        for (;;) {
            std::string field;
            if (pos_ < text_.size() && text_[pos_] == '"') {
                ++pos_;
                for (;;) {
                    if (pos_ >= text_.size())
                        return bad(r.line, "hay comillas que no se cierran.");
                    char c = text_[pos_];
                    if (c == '"') {
                        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
                            field += '"';
                            pos_ += 2;
                            continue;
                        }
                        ++pos_;
                        break;
                    }
                    if (c == '\n')
                        ++line_;
                    if (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
                        ++pos_;
                        continue; // keep one '\n' for a CRLF inside quotes
                    }
                    field += c;
                    ++pos_;
                }
                if (pos_ < text_.size() && text_[pos_] == '\r' && pos_ + 1 < text_.size() &&
                    text_[pos_ + 1] == '\n')
                    ++pos_;
                if (pos_ < text_.size() && text_[pos_] != ';' && text_[pos_] != '\n')
                    return bad(r.line, "hay texto después de las comillas que cierran un campo.");
            } else {
                std::size_t end = text_.find_first_of(";\n", pos_);
                if (end == std::string_view::npos)
                    end = text_.size();
                std::string_view raw = text_.substr(pos_, end - pos_);
                if (!raw.empty() && raw.back() == '\r' &&
                    (end == text_.size() || text_[end] == '\n'))
                    raw.remove_suffix(1);
                field.assign(raw);
                pos_ = end;
            }
            r.fields.push_back(std::move(field));
            if (pos_ >= text_.size())
                return r;
            if (text_[pos_] == '\n') {
                ++pos_;
                ++line_;
                return r;
            }
            ++pos_; // ';'
        }
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
};

std::optional<std::size_t> column(const record& header, std::string_view name) {
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        if (lower(trim_blanks(header.fields[i])) == name)
            return i;
    }
    return std::nullopt;
}

std::string budget_invalid(std::string_view value) {
    return "el presupuesto «" + std::string(trim_blanks(value)) + "» no es un monto válido.";
}

std::string cost_invalid(std::string_view value, const std::string& id) {
    return "el costo «" + std::string(trim_blanks(value)) + "» de la propuesta «" + id +
           "» no es un monto válido.";
}

bool is_section(const record& r, std::string_view name) {
    return r.fields.size() == 1 && lower(trim_blanks(r.fields[0])) == name;
}

} // namespace

result<pabulib_instance> parse_pabulib(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    record_reader reader(text);
    auto next_nonblank = [&]() -> result<std::optional<record>> {
        while (!reader.done()) {
            auto r = reader.next();
            if (!r)
                return std::unexpected(r.error());
            if (!r->blank())
                return std::optional<record>(std::move(*r));
        }
        return std::optional<record>{};
    };
    auto missing = [&](std::string_view what) {
        return bad(reader.line(), "falta " + std::string(what) + " (el archivo terminó antes).");
    };

    pabulib_instance out;

    // META
    auto r = next_nonblank();
    if (!r)
        return std::unexpected(r.error());
    if (!*r)
        return missing("la sección META");
    if (!is_section(**r, "meta"))
        return bad((*r)->line, "el archivo debe empezar con la sección META.");
    const std::size_t meta_line = (*r)->line;
    r = next_nonblank();
    if (!r)
        return std::unexpected(r.error());
    if (!*r)
        return missing("el encabezado de META");
    if ((*r)->fields.size() != 2)
        return bad((*r)->line, "el encabezado de META debe tener dos columnas (key;value).");
    // Amounts are read as written and scaled once every one is known: the file's largest number
    // of decimals decides the unit all of them are counted in.
    std::optional<decimal_amount> budget;
    std::size_t budget_line = 0;
    std::string budget_text;
    std::optional<std::size_t> vote_type_line;
    for (;;) {
        r = next_nonblank();
        if (!r)
            return std::unexpected(r.error());
        if (!*r)
            return missing("la sección PROJECTS");
        const record& row = **r;
        if (is_section(row, "projects"))
            break;
        if (row.fields.size() != 2)
            return bad(row.line,
                       "cada renglón de META debe tener dos campos (clave;valor); tiene " +
                           std::to_string(row.fields.size()) + ".");
        std::string key = lower(trim_blanks(row.fields[0]));
        std::string_view value = trim_blanks(row.fields[1]);
        if (key == "budget") {
            budget = parse_decimal_amount(value);
            budget_line = row.line;
            budget_text = value;
            if (!budget)
                return bad(row.line, budget_invalid(value), "budget");
        } else if (key == "vote_type") {
            // choose-1 ballots name one project each: pabutools reads them as approval ballots.
            if (lower(value) != "approval" && lower(value) != "choose-1")
                return bad(row.line,
                           "solo se admiten votos de aprobación (vote_type «approval»); "
                           "el archivo usa «" +
                               std::string(value) + "».",
                           "vote_type");
            vote_type_line = row.line;
        }
        out.meta.emplace_back(std::string(trim_blanks(row.fields[0])), std::string(value));
    }
    if (!budget)
        return bad(meta_line, "la sección META no indica el presupuesto (budget).", "budget");
    if (!vote_type_line)
        return bad(meta_line, "la sección META no indica el tipo de voto (vote_type).",
                   "vote_type");

    // PROJECTS
    r = next_nonblank();
    if (!r)
        return std::unexpected(r.error());
    if (!*r)
        return missing("el encabezado de PROJECTS");
    const record project_header = std::move(**r);
    auto id_col = column(project_header, "project_id");
    auto cost_col = column(project_header, "cost");
    auto name_col = column(project_header, "name");
    if (!id_col || !cost_col)
        return bad(project_header.line, "el encabezado de PROJECTS debe tener las columnas "
                                        "project_id y cost.");
    std::vector<budget_project> projects;
    struct written_cost {
        decimal_amount amount;
        std::size_t line = 0;
        std::string text;
    };
    std::vector<written_cost> costs; // parallel to projects
    std::unordered_map<std::string, std::uint32_t> index;
    for (;;) {
        r = next_nonblank();
        if (!r)
            return std::unexpected(r.error());
        if (!*r)
            return missing("la sección VOTES");
        const record& row = **r;
        if (is_section(row, "votes"))
            break;
        if (row.fields.size() != project_header.fields.size())
            return bad(row.line, "la propuesta tiene " + std::to_string(row.fields.size()) +
                                     " campos y el encabezado " +
                                     std::to_string(project_header.fields.size()) + ".");
        std::string id(trim_blanks(row.fields[*id_col]));
        if (id.empty())
            return bad(row.line, "la propuesta no tiene identificador (project_id).", "project_id");
        auto cost = parse_decimal_amount(row.fields[*cost_col]);
        if (!cost)
            return bad(row.line, cost_invalid(row.fields[*cost_col], id), "cost");
        if (projects.size() >= max_budget_projects)
            return bad(row.line, "hay más de 4,000 propuestas.");
        if (!index.emplace(id, static_cast<std::uint32_t>(projects.size())).second)
            return bad(row.line, "la propuesta «" + id + "» está repetida.", "project_id");
        out.project_names.push_back(name_col ? std::string(trim_blanks(row.fields[*name_col]))
                                             : std::string{});
        costs.push_back({*cost, row.line, std::string(trim_blanks(row.fields[*cost_col]))});
        projects.push_back(budget_project{std::move(id), 0});
    }
    out.decimals = budget->decimals;
    for (const auto& c : costs)
        out.decimals = std::max(out.decimals, c.amount.decimals);
    auto scaled_budget = scaled_units(*budget, out.decimals, max_budget_amount);
    if (!scaled_budget)
        return bad(budget_line, budget_invalid(budget_text), "budget");
    for (std::size_t i = 0; i < projects.size(); ++i) {
        auto cost = scaled_units(costs[i].amount, out.decimals, max_budget_amount);
        if (!cost)
            return bad(costs[i].line, cost_invalid(costs[i].text, projects[i].id), "cost");
        projects[i].cost = *cost;
    }

    // VOTES
    r = next_nonblank();
    if (!r)
        return std::unexpected(r.error());
    if (!*r)
        return missing("el encabezado de VOTES");
    const record vote_header = std::move(**r);
    auto vote_col = column(vote_header, "vote");
    if (!vote_col)
        return bad(vote_header.line, "el encabezado de VOTES debe tener la columna vote.");
    std::vector<approval_ballot> ballots;
    for (;;) {
        r = next_nonblank();
        if (!r)
            return std::unexpected(r.error());
        if (!*r)
            break;
        const record& row = **r;
        if (row.fields.size() != vote_header.fields.size())
            return bad(row.line, "el voto tiene " + std::to_string(row.fields.size()) +
                                     " campos y el encabezado " +
                                     std::to_string(vote_header.fields.size()) + ".");
        approval_ballot ballot;
        std::string_view rest = row.fields[*vote_col];
        while (!rest.empty()) {
            auto comma = rest.find(',');
            std::string_view item = trim_blanks(rest.substr(0, comma));
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
            if (item.empty())
                continue;
            auto it = index.find(std::string(item));
            if (it == index.end())
                return bad(row.line,
                           "el voto menciona la propuesta «" + std::string(item) +
                               "», que no está en PROJECTS.",
                           "vote");
            ballot.push_back(it->second);
        }
        ballots.push_back(std::move(ballot));
    }

    auto election = make_budget_election(*scaled_budget, std::move(projects), std::move(ballots));
    if (!election)
        return std::unexpected(election.error());
    out.election = std::move(*election);
    return out;
}

} // namespace asamblea::domain
