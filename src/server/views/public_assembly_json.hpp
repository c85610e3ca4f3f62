#pragma once
/// An assembly's record as the clinic's public page shows it (docs/api.md "Public record"):
/// attendance and quorum as counts only, every closed round with its revealed result and the
/// explanation of each line, the elected committee, and where the acta is.

#include "app/assembly_record.hpp"

#include <nlohmann/json.hpp>

namespace asamblea::server {

nlohmann::json to_public_json(const app::assembly_record& record);

} // namespace asamblea::server
