#include "server/views/public_followup_json.hpp"

#include "server/views/followup_json.hpp"

#include <initializer_list>
#include <string_view>

namespace asamblea::server {
namespace {

using nlohmann::json;

json keep(const json& from, std::initializer_list<std::string_view> keys) {
    json out = json::object();
    for (auto key : keys) {
        auto it = from.find(key);
        if (it != from.end())
            out[std::string(key)] = *it;
    }
    return out;
}

bool live(const json& row) {
    return row.value("voided_at", json(nullptr)).is_null();
}

std::string file_url(const std::string& clues, const json& sha) {
    return "/api/public/c/" + clues + "/files/" + sha.get<std::string>();
}

bool is_photo(const json& evidence) {
    return evidence.value("kind", std::string()).starts_with("foto_");
}

json public_work(const std::string& clues, const app::work_detail& detail) {
    const json staff = to_json(detail, clues);
    json out = keep(staff, {"id",
                            "title",
                            "category",
                            "category_label",
                            "approved_centavos",
                            "quantity",
                            "state",
                            "state_label",
                            "resumes_to",
                            "money",
                            "counts",
                            "confirmed_roles",
                            "entrega_recepcion",
                            "edition",
                            "origin",
                            "origin_reason",
                            "quote_exception",
                            "chosen_quote_id",
                            "chosen_reason",
                            "equipment",
                            "updated_at",
                            "created_at"});
    json next = json::array();
    for (const auto& step : staff["next"])
        next.push_back(keep(step, {"text"}));
    out["next"] = next;

    json quotes = json::array();
    for (const auto& q : staff["quotes"]) {
        auto row = keep(q, {"id", "supplier", "rfc", "rfc_digit_ok", "amount_centavos", "date",
                            "valid_until", "cheapest", "voided_at", "void_reason"});
        row["file_url"] = live(q) ? json(file_url(clues, q["file_sha256"])) : json(nullptr);
        quotes.push_back(row);
    }
    out["quotes"] = quotes;

    // The invoice is public; the proof of payment (bank details) is not.
    json expenses = json::array();
    for (const auto& x : staff["expenses"]) {
        auto row = keep(x, {"amount_centavos", "cfdi_uuid", "emisor_rfc", "emisor_nombre", "fecha",
                            "voided_at", "void_reason"});
        row["xml_url"] = live(x) ? json(file_url(clues, x["xml_sha256"])) : json(nullptr);
        row["pdf_url"] = live(x) ? json(file_url(clues, x["pdf_sha256"])) : json(nullptr);
        expenses.push_back(row);
    }
    out["expenses"] = expenses;

    // Live evidence only (a voided photo may show what should not have been taken); photos as
    // their metadata-free copies, never where they were taken nor the uploader's note.
    json photos = json::array();
    json documents = json::array();
    for (const auto& e : staff["evidence"]) {
        if (!live(e))
            continue;
        const auto sha = e["file_sha256"].get<std::string>();
        if (is_photo(e)) {
            auto row = keep(e, {"kind", "kind_label", "taken_at"});
            row["url"] = "/api/public/c/" + clues + "/photos/" + sha;
            photos.push_back(row);
        } else {
            auto row = keep(e, {"kind", "kind_label", "mime"});
            row["url"] = file_url(clues, e["file_sha256"]);
            documents.push_back(row);
        }
    }
    out["photos"] = photos;
    out["documents"] = documents;

    json confirmations = json::array();
    for (const auto& c : staff["confirmations"])
        confirmations.push_back(keep(c, {"role", "role_label", "at"}));
    out["confirmations"] = confirmations;
    // The committee's members are public officers: their seat and name stay on the timeline.
    json timeline = json::array();
    for (const auto& m : staff["timeline"])
        timeline.push_back(keep(m, {"from", "to", "from_label", "to_label", "reason", "role",
                                    "role_label", "name", "at"}));
    out["timeline"] = timeline;
    return out;
}

} // namespace

json to_public_json(const app::followup_board& board, const std::vector<app::work_detail>& works) {
    const json staff = to_json(board, followup_viewer{});
    json out = keep(staff, {"clues", "edition", "editions", "budget_centavos", "money", "score",
                            "deadline", "deadline_status"});
    json list = json::array();
    for (const auto& w : works)
        list.push_back(public_work(board.clues, w));
    out["works"] = list;
    return out;
}

} // namespace asamblea::server
