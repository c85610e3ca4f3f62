#include "domain/committee_outcome.hpp"

#include "domain/committee.hpp"

#include <algorithm>
#include <charconv>

namespace asamblea::domain {
namespace {

// A role's options are its nominees: the option id is the attendee id as text.
std::int64_t attendee_of_option(const std::string& id) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
    if (ec != std::errc() || end != id.data() + id.size() || value <= 0)
        return 0;
    return value;
}

} // namespace

committee_outcome committee_outcome_of(const round_spec& spec, const round_result& result,
                                       const std::vector<committee_seat>& previous) {
    committee_outcome out;
    if (auto seats = elected_seats(spec, result); !seats.empty()) {
        out.kind = committee_outcome::change::elect_role;
        out.role = spec.role;
        for (const auto& s : seats) {
            auto it = std::find_if(spec.options.begin(), spec.options.end(),
                                   [&](const round_option& o) { return o.id == s.option_id; });
            if (it == spec.options.end())
                continue;
            out.seats.push_back(
                {spec.role, s.seat, it->label, it->sex, attendee_of_option(it->id), 0, 0});
        }
        return out;
    }
    // Nothing to copy: a ratification without an earlier committee changes nothing.
    if (!ratification_passed(spec, result) || previous.empty())
        return out;
    out.kind = committee_outcome::change::ratify;
    out.seats = previous;
    return out;
}

} // namespace asamblea::domain
