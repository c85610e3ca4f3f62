// The type of an uploaded file, told from its first bytes, and what each kind of evidence takes.
#include "domain/followup/file_kind.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace asamblea::domain;
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto kind = sniff_file_kind(bytes);
    if (!kind)
        return 0;
    (void)to_string(*kind);
    (void)mime_type(*kind);
    for (auto evidence :
         {evidence_kind::foto_antes, evidence_kind::foto_durante, evidence_kind::foto_despues,
          evidence_kind::entrega_recepcion, evidence_kind::contrato, evidence_kind::documento})
        (void)allowed_for(evidence, *kind);
    return 0;
}
