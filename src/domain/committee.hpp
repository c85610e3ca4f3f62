#pragma once
/// The COSABI (comité de salud): its roles, nominations, the election round of each role, the
/// runoff after a single-seat tie, which seats a closed round fills (invitations: invitation.hpp).

#include "domain/assembly/assembly_state.hpp"
#include "domain/error.hpp"
#include "domain/round.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::domain {

enum class committee_role { presidencia, secretaria_tecnica, tesoreria, aval_ciudadano, vocalia };

inline constexpr std::array<committee_role, 5> committee_roles = {
    committee_role::presidencia, committee_role::secretaria_tecnica, committee_role::tesoreria,
    committee_role::aval_ciudadano, committee_role::vocalia};

/// "presidencia", "secretaria_tecnica", "tesoreria", "aval_ciudadano", "vocalia".
std::string_view to_string(committee_role r);
std::optional<committee_role> parse_committee_role(std::string_view text);
/// What people read: "Presidencia", "Secretaría técnica", "Tesorería", "Aval ciudadano", "Vocalía".
std::string_view role_label(committee_role r);
/// The label of a stored role name; a name this build does not know is shown as it is.
std::string role_label(std::string_view role);
/// Seats of the role: 1, or up to 5 vocalías.
int max_seats(committee_role r);

/// Nominations are taken while people are in the room: registro or en_sesion.
status require_nominations_open(assembly_state state);

/// A person standing for a role: an attendee of the assembly.
struct nominee {
    std::int64_t attendee_id = 0;
    std::string nombre;
    std::string sexo;
};

/// What the moderator asks for when preparing a role's round.
struct role_election_request {
    committee_role role = committee_role::presidencia;
    std::string title; // empty: "Elección de <role> del COSABI"
    int seats = 0;     // 0: 1 for single roles, min(5, nominees) for vocalías
    std::string rule;  // vocalías: av (default) or seqphragmen
    bool parity = false;
};

/// The election round of a role: one option per nominee (id = attendee id, label = name, sex
/// for parity). Single roles get one seat and plurality; vocalías up to 5 seats, each ballot
/// approving at most as many as there are seats. Conflict no_nominations without nominees.
result<round_spec> make_role_election(const role_election_request& request,
                                      const std::vector<nominee>& nominees);

/// Whether a person may stand for a role (be nominated, be a candidate of its round): present
/// (an active credential; conflict not_present), and holding no other role of the term (conflict
/// already_elected; a member re-elected to the same role may stand again).
status check_may_stand(bool present, const std::optional<std::string>& held_role,
                       std::string_view role);
/// check_may_stand as a yes or no, for the candidates of a role's round.
bool may_stand_for(bool present, const std::optional<std::string>& held_role,
                   std::string_view role);

/// While a round of the role is preparada or abierta, its candidates are fixed and no second
/// round of the role can be created: conflict role_round_pending, naming that round.
error role_round_pending(std::string_view role, std::string_view round_title);

/// The runoff of a closed single-seat election that tied: the same role and rule, only the tied
/// options, titled "... (segunda vuelta)" (then "tercera", ...).
result<round_spec> make_runoff(const round_spec& tied_round, std::int64_t tied_round_id,
                               const std::vector<std::string>& tied);

/// The motion that keeps the previous committee for a new term.
round_spec make_ratification(std::string title, int previous_term);

/// One seat filled by a closed round.
struct elected_seat {
    std::string option_id;
    int seat = 1;
};

/// The seats a role's closed round fills, in seat order; empty when the round needs a runoff, was
/// counted without quorum, or is not tied to a role.
std::vector<elected_seat> elected_seats(const round_spec& spec, const round_result& result);

/// True when a ratification motion passed (approved with quorum).
bool ratification_passed(const round_spec& spec, const round_result& result);

} // namespace asamblea::domain
