#include "server/views/national_tables.hpp"

#include "server/views/csv_text.hpp"

namespace asamblea::server {
namespace {

using app::national_money;
using column_list = std::vector<std::pair<std::string, column_kind>>;

constexpr std::pair<national_table_name, std::string_view> national_table_names[] = {
    {national_table_name::institutions, "institutions"},
    {national_table_name::states, "states"},
    {national_table_name::clinics, "clinics"},
    {national_table_name::unproven, "unproven"},
    {national_table_name::stalled, "stalled"},
    {national_table_name::stalled_works, "stalled-works"},
    {national_table_name::live, "live"},
};

nlohmann::json percent_cell(std::optional<int> p) {
    return p ? nlohmann::json(*p) : nlohmann::json(nullptr);
}

// The money columns every follow-up table shares, after its own.
const column_list& money_columns() {
    static const column_list cols = {{"clinicas", column_kind::integer},
                                     {"presupuesto", column_kind::money},
                                     {"asignado", column_kind::money},
                                     {"comprometido", column_kind::money},
                                     {"ejercido", column_kind::money},
                                     {"comprobado", column_kind::money},
                                     {"sin_comprobar", column_kind::money},
                                     {"saldo", column_kind::money},
                                     {"porcentaje_comprobado", column_kind::percent},
                                     {"obras", column_kind::integer},
                                     {"entregadas", column_kind::integer},
                                     {"verificadas", column_kind::integer},
                                     {"canceladas", column_kind::integer},
                                     {"detenidas", column_kind::integer},
                                     {"entregadas_con_fotos", column_kind::integer},
                                     {"porcentaje_fotos", column_kind::percent}};
    return cols;
}

std::vector<nlohmann::json> national_money_cells(const national_money& m) {
    return {m.clinics,
            m.budget,
            m.ledger.asignado,
            m.ledger.comprometido,
            m.ledger.ejercido,
            m.ledger.comprobado,
            m.unproven(),
            m.ledger.saldo,
            percent_cell(m.score.proven_percent()),
            m.works,
            m.delivered,
            m.verified,
            m.cancelled,
            m.stalled,
            m.score.delivered_with_photos,
            percent_cell(m.score.photos_percent())};
}

column_list with_money(column_list head) {
    for (const auto& c : money_columns())
        head.push_back(c);
    return head;
}

std::vector<nlohmann::json> national_joined(std::vector<nlohmann::json> head,
                                            const national_money& m) {
    for (auto& cell : national_money_cells(m))
        head.push_back(std::move(cell));
    return head;
}

const column_list& clinic_columns() {
    static const column_list cols = {{"clues", column_kind::text},
                                     {"clinica", column_kind::text},
                                     {"entidad", column_kind::text},
                                     {"institucion", column_kind::text}};
    return cols;
}

std::vector<nlohmann::json> clinic_cells(const app::national_clinic& c) {
    return {c.clues, c.nombre, c.entidad, c.institucion};
}

std::string cell_text(const nlohmann::json& cell, column_kind kind) {
    if (cell.is_null())
        return {};
    if (kind == column_kind::money)
        return csv_pesos(cell.get<std::int64_t>());
    if (cell.is_string())
        return cell.get<std::string>();
    if (cell.is_boolean())
        return cell.get<bool>() ? "true" : "false";
    return cell.dump();
}

} // namespace

std::optional<national_table_name> parse_national_table(std::string_view stem) {
    for (const auto& [t, name] : national_table_names)
        if (name == stem)
            return t;
    return std::nullopt;
}

std::string_view to_string(national_table_name t) {
    for (const auto& [table, name] : national_table_names)
        if (table == t)
            return name;
    return "clinics";
}

bool is_live_table(national_table_name t) {
    return t == national_table_name::live;
}

national_table follow_up_table(const app::national_followup& v, national_table_name t) {
    national_table out;
    switch (t) {
    case national_table_name::institutions:
    case national_table_name::states: {
        out.columns = with_money(
            {{t == national_table_name::states ? "entidad" : "institucion", column_kind::text}});
        const auto& groups = t == national_table_name::states ? v.by_state : v.by_institution;
        for (const auto& g : groups)
            out.rows.push_back(national_joined({g.name}, g.money));
        break;
    }
    case national_table_name::clinics:
    case national_table_name::unproven:
    case national_table_name::stalled: {
        auto cols = clinic_columns();
        if (t != national_table_name::clinics)
            cols.insert(cols.begin(), {"lugar", column_kind::integer});
        if (t == national_table_name::stalled)
            cols.push_back({"dias_sin_movimiento_max", column_kind::integer});
        out.columns = with_money(cols);
        const auto& list = t == national_table_name::clinics    ? v.clinics
                           : t == national_table_name::unproven ? v.by_unproven
                                                                : v.by_stalled;
        int place = 0;
        for (const auto& c : list) {
            auto head = clinic_cells(c);
            if (t != national_table_name::clinics)
                head.insert(head.begin(), ++place);
            if (t == national_table_name::stalled)
                head.push_back(c.stalled.empty() ? 0 : c.stalled.front().idle_days);
            out.rows.push_back(national_joined(std::move(head), c.money));
        }
        break;
    }
    case national_table_name::stalled_works: {
        out.columns = clinic_columns();
        for (const auto& c : column_list{{"obra_id", column_kind::integer},
                                         {"titulo", column_kind::text},
                                         {"estado", column_kind::text},
                                         {"dias_sin_movimiento", column_kind::integer},
                                         {"ultimo_movimiento", column_kind::text}})
            out.columns.push_back(c);
        for (const auto& c : v.by_stalled)
            for (const auto& w : c.stalled) {
                auto row = clinic_cells(c);
                for (auto cell : {nlohmann::json(w.id), nlohmann::json(w.title),
                                  nlohmann::json(std::string(domain::to_string(w.state))),
                                  nlohmann::json(w.idle_days), nlohmann::json(w.last_move)})
                    row.push_back(std::move(cell));
                out.rows.push_back(std::move(row));
            }
        break;
    }
    case national_table_name::live:
        break;
    }
    return out;
}

national_table live_table(const app::national_live& v) {
    national_table out;
    out.columns = {{"clues", column_kind::text},
                   {"clinica", column_kind::text},
                   {"entidad", column_kind::text},
                   {"institucion", column_kind::text},
                   {"estado", column_kind::text},
                   {"asistencia", column_kind::integer},
                   {"quorum_minimo", column_kind::integer},
                   {"con_quorum", column_kind::text},
                   {"votando", column_kind::text},
                   {"votacion_actual", column_kind::text},
                   {"votos", column_kind::integer},
                   {"actualizada", column_kind::text}};
    for (const auto& c : v.clinics)
        out.rows.push_back(
            {c.clues, c.nombre, c.entidad, c.institucion, c.state, c.attendance, c.quorum_min,
             c.quorum_met, c.voting,
             c.round_title.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.round_title),
             c.ballots, c.updated_at});
    return out;
}

std::string table_csv(const national_table& t) {
    std::string out;
    for (std::size_t i = 0; i < t.columns.size(); ++i)
        out += (i ? "," : "") + csv_field(t.columns[i].first);
    out += "\n";
    for (const auto& row : t.rows) {
        for (std::size_t i = 0; i < t.columns.size() && i < row.size(); ++i)
            out += (i ? "," : "") + csv_field(cell_text(row[i], t.columns[i].second));
        out += "\n";
    }
    return out;
}

nlohmann::json table_json(const national_table& t) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& row : t.rows) {
        nlohmann::json item = nlohmann::json::object();
        for (std::size_t i = 0; i < t.columns.size() && i < row.size(); ++i) {
            const auto& [name, kind] = t.columns[i];
            item[kind == column_kind::money ? name + "_centavos" : name] = row[i];
        }
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace asamblea::server
