// The clinics CSV (asamblea import-clinics, the coordinator's upload) and the RFC 4180 reader under
// it, with both separators.
#include "domain/clinic_csv.hpp"
#include "domain/csv.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)asamblea::domain::parse_csv(text, ',');
    (void)asamblea::domain::parse_csv(text, ';');
    (void)asamblea::domain::valid_utf8(text);
    auto parsed = asamblea::domain::parse_clinic_csv(text);
    (void)parsed.ok();
    return 0;
}
