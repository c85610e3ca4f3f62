#pragma once
/// Attaching evidence (photos, acta de entrega-recepción, contract, documents) to a work item.

#include "app/command.hpp"
#include "app/followup/file_source.hpp"
#include "app/followup/work_event.hpp"
#include "domain/followup/work_state.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace asamblea::app {

struct evidence_input {
    domain::evidence_kind kind = domain::evidence_kind::documento;
    std::string file_sha256;
    std::optional<std::string> taken_at;
    std::optional<double> latitude, longitude;
    std::string note;
};

/// A current committee member, a work item that is not closed; the file must exist (not_found
/// file_not_found) and its kind from the bytes be allowed_for(kind) (invalid
/// file_kind_not_allowed). evidence.added. `files` must outlive the command's prepare.
command<work_event> add_evidence(std::int64_t user_id, std::int64_t work_id, evidence_input input,
                                 const file_source& files);

/// A current committee member voids a piece of evidence (a wrong photo) with a reason, while
/// its work item is not closed; the file stays. evidence.voided.
command<work_event> void_evidence(std::int64_t user_id, std::int64_t evidence_id,
                                  std::string reason);

} // namespace asamblea::app
