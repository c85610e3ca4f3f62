#include "cli/demo_last_year.hpp"

#include "app/assemblies.hpp"
#include "app/ballots.hpp"
#include "app/committee.hpp"
#include "app/proposals.hpp"
#include "app/rounds.hpp"
#include "cli/demo_command.hpp"
#include "domain/invitation.hpp"
#include "store/attendee_repo.hpp"
#include "store/crypto.hpp"
#include "store/member_repo.hpp"

#include <iterator>

namespace asamblea::cli {
namespace {

using domain::category;

struct person {
    const char* nombre;
    const char* sexo;
};

// Twelve neighbours, enough for the quorum of eight.
constexpr person people[] = {
    {"María Guadalupe Hernández López", "mujer"},
    {"José Luis Gómez Pérez", "hombre"},
    {"Rosa Elena Díaz Ruiz", "mujer"},
    {"Juan Carlos Méndez Cruz", "hombre"},
    {"Ana Laura Jiménez Vázquez", "mujer"},
    {"Pedro Sánchez Moreno", "hombre"},
    {"Carmen Ortiz Ramírez", "mujer"},
    {"Miguel Ángel Torres Flores", "hombre"},
    {"Lucía Castillo Morales", "mujer"},
    {"Francisco Reyes Aguilar", "hombre"},
    {"Teresa Gutiérrez Romero", "mujer"},
    {"Alberto Núñez Medina", "hombre"},
};
constexpr int present = static_cast<int>(std::size(people));

// The 2025 diagnosis, the same at every demo clinic. The first seven fit the smallest budget
// (400,000); the awning gets the fewest approvals, so it only fits where the budget is larger.
const domain::proposal proposals_2025[] = {
    {0, "Reparación del techo del consultorio", "Cambiar láminas y sellar goteras.", category::obra,
     9'500'000, domain::proposal_source::diagnostico},
    {0, "Autoclave para esterilizar", "Esterilizar el instrumental en la unidad.",
     category::equipamiento, 4'800'000, domain::proposal_source::diagnostico},
    {0, "Sillas para la sala de espera", "24 sillas apilables.", category::mobiliario, 2'400'000,
     domain::proposal_source::diagnostico},
    {0, "Pintura interior y exterior", "Muros, puertas y herrería.", category::mejoramiento,
     4'500'000, domain::proposal_source::diagnostico},
    {0, "Instalación eléctrica y lámparas", "Cableado nuevo y lámparas LED.",
     category::mejoramiento, 3'800'000, domain::proposal_source::diagnostico},
    {0, "Báscula con estadímetro", "Para el control de niñas y niños.", category::equipamiento,
     1'200'000, domain::proposal_source::diagnostico},
    {0, "Barda perimetral", "Seguridad del terreno de la unidad.", category::obra, 11'000'000,
     domain::proposal_source::asamblea},
    {0, "Toldo para la fila", "Sombra para quien espera afuera.", category::obra, 7'000'000,
     domain::proposal_source::asamblea},
};

// Who stands for each single-seat role: the index into people.
const std::pair<const char*, int> candidates[] = {
    {"presidencia", 0}, {"secretaria_tecnica", 3}, {"tesoreria", 2}, {"aval_ciudadano", 5}};

} // namespace

std::map<std::string, std::int64_t> seed_last_year(store::store& s, const std::string& clues,
                                                   const std::vector<demo_member_login>& logins) {
    demo_room room(s, clues);
    auto step = [&](const std::string& what) { return clues + " 2025: " + what; };

    // Saturday 22 Feb 2025, 11:00 in Mexico City.
    must(room.run(app::create_assembly({2025, "2025-02-22T17:00:00.000Z", 8})), step("convocar"));
    must(room.run(app::transition_assembly(domain::assembly_state::registro, s.ballot_keys())),
         step("abrir el registro"));
    auto assembly_id = room.state().info().assembly_id;

    // Check-in as the moderator's tablet records it: the identifier only as a keyed hash.
    std::vector<std::int64_t> attendees, credentials;
    must(s.writer().run([&](store::write_context& w) -> domain::status {
        for (int i = 0; i < present; ++i) {
            auto id = clues + "-2025-" + std::to_string(i + 1);
            auto attendee =
                store::insert_attendee(w, clues,
                                       {assembly_id, people[i].nombre, people[i].sexo,
                                        store::keyed_hash_hex(s.key(), "afiliacion:" + id), 0});
            if (!attendee)
                return std::unexpected(attendee.error());
            auto credential = store::issue_credential(
                w, clues, assembly_id, *attendee, store::keyed_hash_hex(s.key(), "codigo:" + id));
            if (!credential)
                return std::unexpected(credential.error());
            attendees.push_back(*attendee);
            credentials.push_back(*credential);
        }
        return {};
    }),
         step("registrar asistentes"));
    must(room.run(app::transition_assembly(domain::assembly_state::en_sesion, s.ballot_keys())),
         step("iniciar la sesión"));

    auto added = must(room.run(app::add_proposals(std::vector<domain::proposal>(
                          std::begin(proposals_2025), std::end(proposals_2025)))),
                      step("agregar propuestas"));
    auto proposal_ids = added.event.ids;
    for (auto id : proposal_ids)
        must(room.run(app::accept_proposal(id)), step("aceptar propuesta"));

    int serial = 0;
    auto vote = [&](std::int64_t round_id, int who, std::vector<std::string> choices) {
        auto tag = app::voter_tag(s.ballot_keys(), assembly_id,
                                  attendees[static_cast<std::size_t>(who)], round_id, true);
        if (!tag)
            throw std::runtime_error(step("sin llave de boletas"));
        auto uid = "demo-" + clues + "-2025-" + std::to_string(++serial);
        must(room.run(app::cast_ballot(*tag, credentials[static_cast<std::size_t>(who)], round_id,
                                       uid, std::move(choices), store::random_code())),
             step("votar"));
    };
    auto decide = [&](std::int64_t round_id, auto&& ballots) {
        must(room.run(app::open_round(round_id, 0, false)), step("abrir votación"));
        ballots(round_id);
        must(room.run(app::close_round(round_id)), step("cerrar votación"));
        must(room.run(app::reveal_round(round_id)), step("publicar resultados"));
    };

    // The budget: everyone approves four or five proposals, so the approvals differ and the
    // awning (the last) comes last.
    app::round_request budget;
    budget.kind = domain::round_kind::budget;
    budget.title = "Presupuesto 2025";
    auto budget_round = must(room.run(app::create_round(budget)), step("preparar presupuesto"));
    decide(budget_round.round_id, [&](std::int64_t round_id) {
        for (int who = 0; who < present; ++who) {
            std::vector<std::string> choices;
            for (std::size_t p = 0; p < proposal_ids.size(); ++p) {
                bool last = p + 1 == proposal_ids.size();
                bool approves = last ? who % 4 == 0 : (who + static_cast<int>(p)) % 3 != 0;
                if (approves)
                    choices.push_back(std::to_string(proposal_ids[p]));
            }
            vote(round_id, who, std::move(choices));
        }
    });

    // The COSABI: one candidate per role, elected by most of the room.
    app::nominator moderator{false, 0, 0};
    for (const auto& [role, who] : candidates) {
        must(room.run(app::nominate(moderator, attendees[static_cast<std::size_t>(who)], role)),
             step(std::string("postular a ") + role));
        app::round_request election;
        election.kind = domain::round_kind::election;
        election.role = role;
        auto round = must(room.run(app::create_round(election)), step("preparar elección"));
        decide(round.round_id, [&](std::int64_t round_id) {
            for (int voter = 0; voter < present - 2; ++voter)
                vote(round_id, voter, {std::to_string(attendees[static_cast<std::size_t>(who)])});
        });
    }

    // The close destroys the ballot key and turns the selected proposals into work items.
    must(room.run(app::transition_assembly(domain::assembly_state::cerrada, s.ballot_keys())),
         step("cerrar la asamblea"));

    std::map<std::string, std::int64_t> users;
    for (const auto& login : logins) {
        std::int64_t member_id = 0;
        {
            auto db = s.readers().acquire();
            for (const auto& m : store::list_committee(*db, clues, 2025))
                if (m.role == login.role)
                    member_id = m.id;
        }
        if (member_id == 0)
            throw std::runtime_error(step("no hay " + login.role + " electa"));
        auto invitation =
            must(room.run(app::issue_invitation(member_id, 0, s.key())), step("invitación"));
        auto code = domain::parse_invitation_code(invitation.code);
        if (!code)
            throw std::runtime_error(step("código de invitación ilegible"));
        auto request = must(app::prepare_claim(s, clues, *code, login.username, login.password),
                            step("cuenta " + login.username));
        auto claimed =
            must(room.run(app::claim_invitation(std::move(request))), step(login.username));
        users[login.role] = claimed.user_id;
    }
    return users;
}

} // namespace asamblea::cli
