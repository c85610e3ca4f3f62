#pragma once
// A clinic ready for the follow-up: its 2026 assembly, a current COSABI (presidencia, tesorería,
// vocalía) with logins, a member of the 2025 term and a coordinator with logins too, another
// clinic with a work item of its own, and evidence files served from memory.

#include "app/assemblies.hpp"
#include "app/followup/file_source.hpp"
#include "domain/followup/rfc.hpp"
#include "run_command.hpp"
#include "store/assembly_repo.hpp"
#include "store/clinic_repo.hpp"
#include "store/crypto.hpp"
#include "store/member_repo.hpp"
#include "store/round_repo.hpp"
#include "store/user_repo.hpp"
#include "store/work_item_repo.hpp"
#include "test_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>

namespace asamblea::test {

/// Evidence files by sha256, their kind told from their bytes as the server's store does.
class memory_files : public app::file_source {
public:
    std::string add(const std::string& bytes) {
        auto sha = store::sha256_hex(bytes);
        files_[sha] = bytes;
        return sha;
    }
    std::optional<domain::file_kind> kind_of(const std::string& sha256) const override {
        auto it = files_.find(sha256);
        if (it == files_.end())
            return std::nullopt;
        return domain::sniff_file_kind(std::string_view(it->second).substr(0, 64));
    }
    std::optional<std::string> read(const std::string& sha256,
                                    std::size_t max_bytes) const override {
        auto it = files_.find(sha256);
        if (it == files_.end())
            return std::nullopt;
        return it->second.substr(0, max_bytes);
    }
    std::optional<std::int64_t> size_of(const std::string& sha256) const override {
        auto it = files_.find(sha256);
        if (it == files_.end())
            return std::nullopt;
        return static_cast<std::int64_t>(it->second.size());
    }

    /// A distinct JPEG, PDF each time.
    std::string jpeg() { return add("\xFF\xD8\xFF\xE0 foto " + std::to_string(++serial_)); }
    std::string pdf() { return add("%PDF-1.4 documento " + std::to_string(++serial_)); }

private:
    std::map<std::string, std::string> files_;
    int serial_ = 0;
};

/// The shared CFDI sample (total 2320.00), or nothing (and a skip message) when shared/ is absent.
inline std::optional<std::string> cfdi_sample() {
    auto path = std::filesystem::path(ASAMBLEA_SHARED_DIR) / "cfdi" / "cfdi40-sample.xml";
    if (!std::filesystem::exists(path)) {
        MESSAGE("skipped: " << path.string() << " is absent");
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline const std::string sample_uuid = "66933DFF-5507-5460-9EF0-9D0BB068A54A";

/// The sample with another UUID and total ("1500.00"); each replacement must happen.
inline std::string cfdi_variant(std::string xml, const std::string& uuid,
                                const std::string& total) {
    auto swap = [&](const std::string& from, const std::string& to) {
        auto pos = xml.find(from);
        REQUIRE(pos != std::string::npos);
        xml.replace(pos, from.size(), to);
    };
    swap(sample_uuid, uuid);
    swap(" Total=\"2320.00\"", " Total=\"" + total + "\"");
    return xml;
}

/// A well-formed RFC from its first 11 characters, with the right check digit when `valid`.
inline std::string rfc_with_digit(const std::string& first11, bool valid = true) {
    for (char c : std::string("0123456789A")) {
        auto rfc = first11 + c;
        if (domain::check_rfc(rfc).check_digit_ok == valid)
            return rfc;
    }
    FAIL("no digit for " << first11);
    return {};
}

struct followup_clinic {
    static constexpr const char* clues = "CSIMB000001";
    static constexpr const char* other = "CSIMB000002";

    test_dir dir;
    store::store s{dir.str()};
    app::hot_state hot;
    memory_files files;
    std::int64_t presidencia = 0, tesoreria = 0, vocalia = 0; // current members' logins
    std::int64_t former = 0;                                  // a 2025 member's login
    std::int64_t coordinator = 0;
    std::int64_t presidencia_member = 0, tesoreria_member = 0;
    std::int64_t other_work = 0; // the other clinic's work item

    /// `budget` in centavos for this clinic.
    explicit followup_clinic(domain::centavos budget = 60000000) {
        REQUIRE(s.writer().run([&](store::write_context& w) -> domain::status {
            store::upsert_clinics(w,
                                  {domain::clinic{clues, "Centro de Salud", "Chiapas", "Ocosingo",
                                                  "IMSS-BIENESTAR", 2, "UMF", budget},
                                   domain::clinic{other, "Otro Centro", "Chiapas", "Ocosingo",
                                                  "IMSS-BIENESTAR", 1, "UMF", 40000000}});
            return {};
        }));
        REQUIRE(run_command(s, clues, hot,
                            app::create_assembly({2026, "2026-02-21T17:00:00.000Z", 0})));
        REQUIRE(s.writer().run([&](store::write_context& w) -> domain::status {
            auto a = store::find_assembly(w.db(), clues, 2026);
            auto spec = domain::make_round_spec(domain::make_ratification("", 2025));
            if (!a || !spec)
                return domain::fail(domain::error_kind::internal, "setup", "setup");
            auto round = store::create_round(w, a->id, clues, *spec);
            auto login = [&](const std::string& name, domain::role role) {
                auto id = store::save_user(w, name, "x", role, {clues}, false);
                REQUIRE(id);
                return *id;
            };
            auto member = [&](int term, const std::string& role, std::int64_t user) {
                return store::insert_member(w, {clues, term, round, "eleccion"},
                                            {role, 1, role, "mujer", 0, 0, user});
            };
            presidencia = login("presidenta", domain::role::committee);
            tesoreria = login("tesorera", domain::role::committee);
            vocalia = login("vocal", domain::role::committee);
            former = login("anterior", domain::role::committee);
            coordinator = login("coordinadora", domain::role::coordinator);
            member(2025, "presidencia", former);
            presidencia_member = member(2026, "presidencia", presidencia);
            tesoreria_member = member(2026, "tesoreria", tesoreria);
            member(2026, "vocalia", vocalia);

            store::work_item_row theirs;
            theirs.clues = other;
            theirs.edition = 2026;
            theirs.item.title = "Barda";
            theirs.item.approved = 100000;
            theirs.origin = "coordinacion";
            other_work = store::insert_work_item(w, theirs);
            return {};
        }));
    }

    template <class Event> domain::result<Event> run(app::command<Event> cmd) {
        return run_command(s, clues, hot, std::move(cmd));
    }

    long long count(const std::string& sql) {
        auto db = s.readers().acquire();
        return db->execAndGet(sql).getInt64();
    }
};

} // namespace asamblea::test
