// The CFDI invoice XML a committee member uploads with an expense.
#include "documents/cfdi_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view xml(reinterpret_cast<const char*>(data), size);
    (void)asamblea::documents::read_cfdi(xml);
    return 0;
}
