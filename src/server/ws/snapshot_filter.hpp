#pragma once
/// Remembers the newest snapshot version one connection was sent, so no version goes out twice.
/// A hello gets the current snapshot at once, and a push the room had already scheduled then
/// brings the same version again; a phone would redraw for nothing. No I/O: unit-tested alone.

#include <cstdint>
#include <optional>
#include <string_view>

namespace asamblea::server {

/// The version of a serialized snapshot message, read from the fixed start that
/// room_state::snapshot_message writes (`{"type":"snapshot","version":N,`); nullopt for anything
/// else.
std::optional<std::uint64_t> snapshot_version(std::string_view message);

class snapshot_filter {
public:
    /// True when the message should be sent: it is not a snapshot, or its version is newer than
    /// every snapshot admitted before (a room's versions only rise). Remembers what it admits.
    bool admit(std::string_view message);
    /// The newest snapshot version admitted so far (0: none).
    std::uint64_t last_version() const { return last_; }

private:
    std::uint64_t last_ = 0;
};

} // namespace asamblea::server
