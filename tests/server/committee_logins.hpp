#pragma once
// Committee logins for the upload and follow-up tests, written straight to the store.

#include "test_server_fixture.hpp"

#include "domain/committee.hpp"
#include "domain/round.hpp"
#include "store/assembly_repo.hpp"
#include "store/crypto.hpp"
#include "store/member_repo.hpp"
#include "store/round_repo.hpp"
#include "store/user_repo.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <tuple>

// Committee logins, current members of their clinic's 2026 COSABI: two of the first clinic, one of
// the second; and a member of the first clinic's 2025 committee who was not elected again.
inline void add_committee_logins(running_server& s) {
    using namespace asamblea;
    auto hash = store::hash_password("clave-de-prueba");
    auto ok = s.srv->store().writer().run([&](store::write_context& ctx) -> domain::status {
        auto spec = domain::make_round_spec(domain::make_ratification("", 2025));
        if (!spec)
            return std::unexpected(spec.error());
        std::map<std::string, std::int64_t> rounds;
        for (const std::string clues : {"CSIMB000001", "CSIMB000002"}) {
            auto assembly = store::create_assembly(ctx, clues, 2026, "", 0);
            rounds[clues] = store::create_round(ctx, assembly, clues, *spec);
        }
        for (auto [name, clues, term] :
             {std::tuple{"tesorera", "CSIMB000001", 2026}, std::tuple{"vocal", "CSIMB000001", 2026},
              std::tuple{"ajena", "CSIMB000002", 2026},
              std::tuple{"anterior", "CSIMB000001", 2025}}) {
            auto id = store::save_user(ctx, name, hash, domain::role::committee, {clues}, false);
            if (!id)
                return std::unexpected(id.error());
            store::insert_member(ctx, {clues, term, rounds[clues], "eleccion"},
                                 {std::string(name) == "tesorera" ? "tesoreria" : "vocalia",
                                  std::string(name) == "vocal" ? 2 : 1, name, "mujer", 0, 0, *id});
        }
        return {};
    });
    REQUIRE(ok);
}
