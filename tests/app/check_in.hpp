#pragma once
// Registers `people` attendees of an assembly, each with an active credential, straight through
// the store (the use cases under test start after check-in).

#include "store/attendee_repo.hpp"
#include "store/store.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace asamblea::test {

struct checked_in {
    std::vector<std::int64_t> attendees, credentials;
};

/// `tag` keeps identifiers and code hashes unique across several assemblies of one store.
inline checked_in check_in(store::store& s, const std::string& clues, std::int64_t assembly_id,
                           int people, const std::string& tag = "") {
    checked_in out;
    REQUIRE(s.writer().run([&](store::write_context& w) -> domain::status {
        for (int i = 0; i < people; ++i) {
            auto key = tag + std::to_string(i);
            auto a = store::insert_attendee(
                w, clues, {assembly_id, "Persona " + std::to_string(i), "mujer", "id" + key, 0});
            if (!a)
                return std::unexpected(a.error());
            auto c = store::issue_credential(w, clues, assembly_id, *a, "hash" + key);
            if (!c)
                return std::unexpected(c.error());
            out.attendees.push_back(*a);
            out.credentials.push_back(*c);
        }
        return {};
    }));
    return out;
}

} // namespace asamblea::test
