// The pabulib (.pb) reader of asamblea tally.
#include "domain/tally/pabulib.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = asamblea::domain::parse_pabulib(text);
    if (parsed)
        (void)parsed->unit();
    return 0;
}
