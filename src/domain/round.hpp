#pragma once
/// A vote of the assembly (ronda): what is on the ballot, which ballots are valid, and the result.

#include "domain/error.hpp"
#include "domain/money.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::domain {

enum class round_kind { budget, motion, election };
/// preparada → abierta → cerrada; a preparada round may instead be cancelada (it never opened).
enum class round_status { preparada, abierta, cerrada, cancelada };

std::string_view to_string(round_kind k);
std::optional<round_kind> parse_round_kind(std::string_view text);
std::string_view to_string(round_status s);
std::optional<round_status> parse_round_status(std::string_view text);

/// Whether a round in `from` may be cancelled: only while preparada; a conflict in Spanish
/// otherwise.
status check_cancel_round(round_status from);

/// The answer to a ballot that arrives after its round closed (or its assembly's ballot key is
/// gone): it is not recorded.
error ballot_after_close();

/// One choice on the ballot: a proposal, a motion answer, or a candidate.
struct round_option {
    std::string id;
    std::string label;
    centavos cost = 0;       // budget rounds
    std::string category;    // budget rounds
    std::string description; // budget rounds
    std::string sex;         // elections with parity
};

/// What the moderator set up; fixed once the round opens.
struct round_spec {
    round_kind kind = round_kind::budget;
    std::string title;
    std::vector<round_option> options;
    int max_choices = 0;   // 0: as many as there are options (motions: always 1)
    centavos cost_cap = 0; // budget: at most this total cost chosen; 0: no cap
    centavos budget = 0;   // budget: what the tally may spend
    int seats = 1;         // election: 1 is plurality; more is a multi-winner approval round
    std::string rule =
        "greedy";        // budget: greedy|mes|mes-add1|mes-add1-greedy; election: av|seqphragmen
    bool parity = false; // election with several seats
    std::string role;    // election: the COSABI role it fills (see committee.hpp), or empty
    bool ratify_committee = false; // motion: passing keeps the previous committee
    std::int64_t runoff_of = 0;    // election: the tied round this runoff decides
    int runoff_depth = 0;          // 1 for the segunda vuelta, 2 for the next one, ...
};

/// Whether a round may open with `present` attendees and a quorum of `quorum`: without quorum its
/// result will not be valid, so the moderator must say they open it anyway (`confirmed`);
/// otherwise a conflict (sin_quorum) in Spanish that says so.
status check_open_quorum(std::int64_t present, std::int64_t quorum, bool confirmed);

/// Checks and completes a spec: options present and unique, limits in range, rule known.
result<round_spec> make_round_spec(round_spec spec);

/// The option indices a ballot chooses, sorted and unique; errors name what is wrong in Spanish.
result<std::vector<std::uint32_t>> check_ballot(const round_spec& spec,
                                                const std::vector<std::string>& choices);

/// One line of a result: an option with its votes and the reason for its outcome.
struct result_line {
    std::string id;
    std::string label;
    std::int64_t votes = 0;
    bool selected = false;
    std::string explanation;
    int seat = 0; // election with several seats: the 1-based order in which it was elected
};

struct round_result {
    std::vector<result_line> lines; // in ballot order
    std::string summary;
    centavos spent = 0;
    bool runoff = false;           // a single-seat election tied
    std::vector<std::string> tied; // the ids tied for a runoff
    /// Whether quorum held (present >= quorum) when it was counted. Without it the result is not
    /// valid: a motion neither passes nor fails; in a budget or election round `selected` still
    /// tells what the count gave (so a recount matches), but nothing is chosen or elected.
    bool quorum_met = true;
};

/// A closed round's result as recorded: the tally and the counts it was made from.
struct recorded_result {
    round_result tally;
    std::int64_t ballots = 0;
    std::optional<std::int64_t> present; // attendance at the close
    std::optional<std::int64_t> quorum;  // the quorum then, so a recount of a motion is exact
};

/// Tallies the counted ballots (each a checked list of option indices) with the spec's rule.
/// `present` and `quorum` decide whether the result is valid (`quorum_met`).
result<round_result> tally_round(const round_spec& spec,
                                 const std::vector<std::vector<std::uint32_t>>& ballots,
                                 std::int64_t present, std::int64_t quorum);

/// The same, given also each option's votes (`votes[i]`: the ballots that name option i), which
/// must be what `ballots` count. A room keeps them as ballots arrive, so that its live result
/// under a rule that needs only the counts (the greedy budget, a motion) does not walk every
/// ballot at every push: that walk grew with the assembly, at every ballot. Votes of another
/// length are refused.
result<round_result> tally_round(const round_spec& spec,
                                 const std::vector<std::vector<std::uint32_t>>& ballots,
                                 std::span<const std::int64_t> votes, std::int64_t present,
                                 std::int64_t quorum);

} // namespace asamblea::domain
