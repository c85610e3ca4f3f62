// The proof score: share of spent money proven, share of delivered works with both photos.
#include "domain/followup/proof_score.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace followup_proof_score_test {

namespace {

work_evidence_count counted(work_state s, centavos spent, centavos proven, int before, int after) {
    return {{1, s, 1'000'000, 1'000'000, spent, proven}, before, after};
}

} // namespace

TEST_CASE("nothing spent or delivered has no percentage yet") {
    auto empty = score_proof({});
    CHECK_FALSE(empty.proven_percent());
    CHECK_FALSE(empty.photos_percent());
    std::vector<work_evidence_count> planned = {counted(work_state::cotizando, 0, 0, 1, 0)};
    auto s = score_proof(planned);
    CHECK_FALSE(s.proven_percent());
    CHECK_FALSE(s.photos_percent());
    CHECK(s.delivered == 0);
}

TEST_CASE("proven share of the money spent, rounded down") {
    std::vector<work_evidence_count> works = {
        counted(work_state::en_ejecucion, 300, 100, 0, 0),
        counted(work_state::cancelado, 300, 300, 0, 0),
    };
    auto s = score_proof(works);
    CHECK(s.spent == 600);
    CHECK(s.proven == 400);
    CHECK(s.proven_percent() == 66);
    std::vector<work_evidence_count> almost = {counted(work_state::entregado, 1000, 999, 1, 1)};
    CHECK(score_proof(almost).proven_percent() == 99);
    std::vector<work_evidence_count> all = {counted(work_state::entregado, 1000, 1000, 1, 1)};
    CHECK(score_proof(all).proven_percent() == 100);
    std::vector<work_evidence_count> huge = {
        counted(work_state::entregado, 9'000'000'000'000'000'000, 4'500'000'000'000'000'000, 1, 1)};
    CHECK(score_proof(huge).proven_percent() == 50);
}

TEST_CASE("delivered works with a before and an after photo") {
    std::vector<work_evidence_count> works = {
        counted(work_state::entregado, 0, 0, 1, 1),    counted(work_state::verificado, 0, 0, 2, 3),
        counted(work_state::entregado, 0, 0, 0, 1),    // no before photo
        counted(work_state::verificado, 0, 0, 1, 0),   // no after photo
        counted(work_state::en_ejecucion, 0, 0, 1, 1), // not delivered: not counted
    };
    auto s = score_proof(works);
    CHECK(s.delivered == 4);
    CHECK(s.delivered_with_photos == 2);
    CHECK(s.photos_percent() == 50);
}

} // namespace followup_proof_score_test
