#pragma once
/// One evidence upload on its way in: who sends it, its temporary file, its type once the first
/// bytes tell it. The HTTP session feeds it the body piece by piece; nothing here sees a socket.

#include "domain/error.hpp"
#include "domain/followup/file_kind.hpp"
#include "server/http/http_types.hpp"
#include "store/evidence_files.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace asamblea::server {

struct app_context;

class upload_intake {
public:
    /// Before any byte of the body is read: the path's clinic, a committee member of it (bearer
    /// token; 401/403 otherwise), then a temporary file of at most `max_bytes`. `headers` carries
    /// the request line and headers only, with params["clues"] set. Blocks (database, disk).
    static domain::result<upload_intake> open(app_context& ctx, const request& headers,
                                              std::uint64_t max_bytes);

    /// too_large when the Content-Length told in advance passes the limit.
    domain::status check_declared_size(std::uint64_t bytes) const;

    /// A piece of the body: too_large past the limit; unsupported_media as soon as the first
    /// bytes are of no accepted type, so a wrong file is not read to its end.
    domain::status write(std::string_view chunk);

    /// After the last byte: the type, the file synced and in place, and the answer (201 stored,
    /// 200 when the same bytes were already stored). Blocks (fsync): run it off the io threads.
    response finish();

private:
    upload_intake(std::string clues, store::evidence_upload upload);

    std::string clues_;
    store::evidence_upload upload_;
    std::optional<domain::file_kind> kind_;
};

} // namespace asamblea::server
