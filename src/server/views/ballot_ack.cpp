#include "server/views/ballot_ack.hpp"

#include "text/json_text.hpp"

namespace asamblea::server {

std::string ballot_ack_text(std::int64_t round_id, std::string_view ballot_id,
                            std::string_view receipt) {
    std::string out;
    out.reserve(64 + ballot_id.size() + receipt.size());
    out += R"({"ballot_id":)";
    text::append_json_string(out, ballot_id);
    out += R"(,"receipt":)";
    text::append_json_string(out, receipt);
    out += R"(,"round_id":)";
    out += std::to_string(round_id);
    out += R"(,"type":"ack"})";
    return out;
}

} // namespace asamblea::server
