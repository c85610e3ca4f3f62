#include "store/revocation_repo.hpp"

#include <SQLiteCpp/Statement.h>

namespace asamblea::store {
namespace {

std::string revocation_hex(const void* data, int size) {
    static constexpr char digits[] = "0123456789abcdef";
    const auto* p = static_cast<const unsigned char*>(data);
    std::string out;
    out.reserve(static_cast<std::size_t>(size) * 2);
    for (int i = 0; i < size; ++i) {
        out += digits[p[i] >> 4];
        out += digits[p[i] & 15];
    }
    return out;
}

void prune_revocations(write_context& ctx) {
    SQLite::Statement del(ctx.db(), "DELETE FROM token_revocations WHERE expires_at <= ?");
    del.bind(1, ctx.now());
    del.exec();
}

} // namespace

void add_revocation(write_context& ctx, const std::array<unsigned char, 32>& token_hash,
                    const std::string& expires_at) {
    prune_revocations(ctx);
    SQLite::Statement ins(ctx.db(), "INSERT INTO token_revocations (token_hash, expires_at, "
                                    "revoked_at) VALUES (?, ?, ?)");
    ins.bind(1, token_hash.data(), static_cast<int>(token_hash.size()));
    ins.bind(2, expires_at);
    ins.bind(3, ctx.now());
    ins.exec();
}

void add_user_revocations(write_context& ctx, std::int64_t user_id) {
    prune_revocations(ctx);
    SQLite::Statement ins(ctx.db(),
                          "INSERT INTO token_revocations (token_hash, expires_at, revoked_at) "
                          "SELECT token_hash, expires_at, ? FROM tokens WHERE user_id = ? AND "
                          "revoked_at IS NULL AND expires_at > ?");
    ins.bind(1, ctx.now());
    ins.bind(2, static_cast<int64_t>(user_id));
    ins.bind(3, ctx.now());
    ins.exec();
}

std::vector<revocation_row> revocations_since(SQLite::Database& db, std::int64_t since,
                                              std::size_t limit, const std::string& now) {
    SQLite::Statement q(db, "SELECT seq, token_hash, expires_at FROM token_revocations WHERE seq "
                            "> ? AND expires_at > ? ORDER BY seq LIMIT ?");
    q.bind(1, static_cast<int64_t>(since));
    q.bind(2, now);
    q.bind(3, static_cast<int64_t>(limit));
    std::vector<revocation_row> out;
    while (q.executeStep()) {
        auto blob = q.getColumn(1);
        out.push_back({q.getColumn(0).getInt64(), revocation_hex(blob.getBlob(), blob.getBytes()),
                       q.getColumn(2).getString()});
    }
    return out;
}

} // namespace asamblea::store
