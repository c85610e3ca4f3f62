#include "domain/shards/clues_states.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace asamblea::domain {
namespace {

// The state codes of the CLUES catalogue (Secretaría de Salud, DGIS), which the first two
// letters of every CLUES carry.
constexpr std::array<std::pair<std::string_view, std::string_view>, 32> clues_state_codes{{
    {"AS", "Aguascalientes"},  {"BC", "Baja California"}, {"BS", "Baja California Sur"},
    {"CC", "Campeche"},        {"CH", "Chihuahua"},       {"CL", "Coahuila"},
    {"CM", "Colima"},          {"CS", "Chiapas"},         {"DF", "Ciudad de México"},
    {"DG", "Durango"},         {"GR", "Guerrero"},        {"GT", "Guanajuato"},
    {"HG", "Hidalgo"},         {"JC", "Jalisco"},         {"MC", "Estado de México"},
    {"MN", "Michoacán"},       {"MS", "Morelos"},         {"NL", "Nuevo León"},
    {"NT", "Nayarit"},         {"OC", "Oaxaca"},          {"PL", "Puebla"},
    {"QR", "Quintana Roo"},    {"QT", "Querétaro"},       {"SL", "Sinaloa"},
    {"SP", "San Luis Potosí"}, {"SR", "Sonora"},          {"TC", "Tabasco"},
    {"TL", "Tlaxcala"},        {"TS", "Tamaulipas"},      {"VZ", "Veracruz"},
    {"YN", "Yucatán"},         {"ZS", "Zacatecas"},
}};

std::string state_of_owner(std::string_view owner, bool prefix) {
    if (owner.size() >= 2)
        if (auto name = clues_state_name(owner.substr(0, 2)))
            return std::string(*name);
    return prefix ? "CLUES " + std::string(owner) + "*" : std::string(owner);
}

void add_once(std::vector<std::string>& to, std::string name) {
    if (std::find(to.begin(), to.end(), name) == to.end())
        to.push_back(std::move(name));
}

} // namespace

std::optional<std::string_view> clues_state_name(std::string_view code) {
    for (const auto& [c, name] : clues_state_codes)
        if (c == code)
            return name;
    return std::nullopt;
}

std::vector<std::string> shard_states(const shard& s) {
    std::vector<std::string> out;
    for (const auto& p : s.prefixes)
        add_once(out, state_of_owner(p, true));
    for (const auto& c : s.clues)
        add_once(out, state_of_owner(c, false));
    return out;
}

std::vector<missing_shard> missing_shards(const shard_map& map,
                                          const std::vector<std::string>& shards) {
    std::vector<missing_shard> out;
    for (const auto& name : shards) {
        missing_shard m{name, {}};
        // A name may fill several lines of the map: every line's owners count.
        for (const auto& s : map.shards())
            if (s.name == name)
                for (auto& state : shard_states(s))
                    add_once(m.states, std::move(state));
        out.push_back(std::move(m));
    }
    return out;
}

std::string missing_sentence(const std::vector<missing_shard>& missing) {
    std::vector<std::string> names;
    for (const auto& m : missing) {
        for (const auto& s : m.states)
            add_once(names, s);
        if (m.states.empty())
            add_once(names, "el servidor «" + m.shard + "»");
    }
    if (names.empty())
        return {};
    std::string list;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0)
            list += i + 1 == names.size() ? " y " : ", ";
        list += names[i];
    }
    bool one = missing.size() == 1;
    return "Faltan datos de " + list +
           (one ? ": su servidor no responde." : ": sus servidores no responden.") +
           " Los totales no los incluyen.";
}

} // namespace asamblea::domain
