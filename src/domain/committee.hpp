#pragma once
/// The COSABI (comité de salud): its roles, nominations, the election round of each role, the
/// runoff after a single-seat tie, which seats a closed round fills, and committee invitations.

#include "domain/assembly/assembly_state.hpp"
#include "domain/error.hpp"
#include "domain/round.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
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

/// Whether a nominee may stand in a role's election: present, and holding no other role of the
/// term (a member re-elected to the same role may stand again).
bool may_stand_for(bool present, const std::optional<std::string>& held_role,
                   std::string_view role);

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

/// Committee invitation codes: 12 symbols of the credential alphabet (60 bits), shown as
/// XXXX-XXXX-XXXX and typed back leniently.
inline constexpr std::size_t invitation_code_length = 12;
std::string make_invitation_code(std::span<const unsigned char, invitation_code_length> random);
std::optional<std::string> parse_invitation_code(std::string_view text);
std::string display_invitation_code(std::string_view code);

} // namespace asamblea::domain
