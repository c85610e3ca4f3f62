// The open data's CSV as a spreadsheet opens it: RFC 4180 quoting, and no text that a
// spreadsheet would run as a formula.
#include "server/views/open_followup_csv.hpp"

#include <doctest/doctest.h>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace open_followup_csv_test {

TEST_CASE("a supplier named like a formula stays text; amounts and quoting are untouched") {
    using namespace asamblea;
    app::open_clinic_followup clinic;
    clinic.clinic.clues = "CSIMB000001";
    app::open_work work;
    work.id = 7;
    work.edition = 2025;
    work.title = "-Techo, \"nuevo\"";
    work.approved = 4500000;
    for (const auto* name : {"=HYPERLINK(\"http://x\",\"ver\")", "+1+1", "@SUM(A1)", "Normal"}) {
        app::open_quote q;
        q.id = static_cast<std::int64_t>(work.quotes.size()) + 1;
        q.supplier = name;
        q.rfc = "EKU9003173C9";
        q.amount = 100;
        q.date = "2025-03-01";
        work.quotes.push_back(q);
    }
    clinic.works.push_back(work);

    auto quotes = server::open_followup_csv({clinic}, server::open_csv_table::quotes);
    CHECK(quotes.find("\"'=HYPERLINK(\"\"http://x\"\",\"\"ver\"\")\"") != std::string::npos);
    CHECK(quotes.find(",'+1+1,") != std::string::npos);
    CHECK(quotes.find(",'@SUM(A1),") != std::string::npos);
    CHECK(quotes.find(",Normal,") != std::string::npos);
    CHECK(quotes.find(",1.00,") != std::string::npos); // an amount is a number, never prefixed
    auto works = server::open_followup_csv({clinic}, server::open_csv_table::works);
    CHECK(works.find("\"'-Techo, \"\"nuevo\"\"\"") != std::string::npos);
    CHECK(works.find("45000.00") != std::string::npos);
}

} // namespace open_followup_csv_test
