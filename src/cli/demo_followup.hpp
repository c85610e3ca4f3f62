#pragma once
/// The demo's follow-up: the 2025 works of the main demo clinic brought to different stages by
/// its COSABI, with real quotes, invoices, photos and documents, so every screen has content.

#include "cli/demo_files.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <string>

namespace asamblea::cli {

/// The committee logins that act: presidencia records quotes, evidence and moves, tesorería the
/// expenses; both confirm.
struct demo_committee {
    std::int64_t presidencia = 0;
    std::int64_t tesoreria = 0;
};

/// Runs the follow-up's commands on the 2025 work items of `clues` (created by the assembly's
/// close): one planeado, one cotizando with 2 quotes, one contratado with an invoice, one
/// en_ejecucion with photos, one entregado awaiting its second confirmation, one verificado and
/// one detenido. Files go to `files`. Throws std::runtime_error when a step fails.
void seed_followup(store::store& s, const std::string& clues, const std::string& clinic_name,
                   const demo_committee& committee, const demo_evidence& files);

} // namespace asamblea::cli
