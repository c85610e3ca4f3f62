// The proposals CSV a moderator imports, against a clinic's budget.
#include "domain/assembly/proposal_csv.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed =
        asamblea::domain::parse_proposal_csv(text, asamblea::domain::centavos{80'000'000});
    (void)parsed.ok();
    return 0;
}
