#include "server/api/upload_intake.hpp"

#include "app/followup/member_actor.hpp"
#include "domain/staff.hpp"
#include "server/api/access.hpp"
#include "server/api/app_context.hpp"
#include "server/api/known_clinic.hpp"
#include "server/http/error_response.hpp"
#include "store/store.hpp"

#include <nlohmann/json.hpp>

namespace asamblea::server {
namespace {

std::unexpected<domain::error> unsupported_type() {
    return domain::fail(domain::error_kind::unsupported_media, "file_type_unsupported",
                        "Solo se aceptan fotos JPEG, PNG o WebP y documentos PDF o XML.");
}

} // namespace

upload_intake::upload_intake(std::string clues, store::evidence_upload upload)
    : clues_(std::move(clues)), upload_(std::move(upload)) {}

domain::result<upload_intake> upload_intake::open(app_context& ctx, const request& headers,
                                                  std::uint64_t max_bytes) {
    auto clues = known_clinic(ctx, headers);
    if (!clues)
        return std::unexpected(clues.error());
    // Evidence is the committee's to upload; moderators and coordinators only look at it.
    auto who = staff(ctx, headers, {domain::role::committee}, *clues);
    if (!who)
        return std::unexpected(who.error());
    // Only the current committee writes the follow-up; a member of an earlier term keeps the
    // login but not this.
    {
        auto db = ctx.store.readers().acquire();
        if (auto member = app::current_member(*db, *clues, who->user_id); !member)
            return std::unexpected(member.error());
    }
    auto upload = ctx.store.evidence().begin_upload(max_bytes);
    if (!upload)
        return std::unexpected(upload.error());
    return upload_intake(std::move(*clues), std::move(*upload));
}

domain::status upload_intake::check_declared_size(std::uint64_t bytes) const {
    return upload_.check_size(bytes);
}

domain::status upload_intake::write(std::string_view chunk) {
    if (auto ok = upload_.write(chunk); !ok)
        return ok;
    // The type is decided once the head is complete; a shorter file is judged in finish().
    if (!kind_ && upload_.head().size() >= store::evidence_head_bytes) {
        kind_ = domain::sniff_file_kind(upload_.head());
        if (!kind_)
            return unsupported_type();
    }
    return {};
}

response upload_intake::finish() {
    if (!kind_)
        kind_ = domain::sniff_file_kind(upload_.head());
    if (!kind_)
        return error_response(unsupported_type().error());
    auto stored = upload_.commit();
    if (!stored)
        return error_response(stored.error());
    nlohmann::json body = {{"sha256", stored->sha256},
                           {"kind", std::string(domain::to_string(*kind_))},
                           {"size", stored->size},
                           {"mime", std::string(domain::mime_type(*kind_))}};
    auto res = json_response(body, stored->created ? 201 : 200);
    res.headers.emplace_back("Location", "/api/c/" + clues_ + "/files/" + stored->sha256);
    return res;
}

} // namespace asamblea::server
