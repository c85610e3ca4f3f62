#include "server/ws/ballot_shape.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace asamblea::server {
namespace {

bool ballot_id_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

// A choice of 1 to 40 bytes: the schema counts characters, and 40 bytes are at most 40 of
// them. A longer one in accents or other scripts may still be valid: the schema decides.
bool plain_choice(const nlohmann::json& c) {
    if (!c.is_string())
        return false;
    auto n = c.get_ref<const std::string&>().size();
    return n >= 1 && n <= 40;
}

} // namespace

bool plainly_valid_ballot(const nlohmann::json& msg) {
    if (!msg.is_object() || msg.size() != 4)
        return false;
    auto type = msg.find("type");
    auto round = msg.find("round_id");
    auto id = msg.find("ballot_id");
    auto choices = msg.find("choices");
    if (type == msg.end() || round == msg.end() || id == msg.end() || choices == msg.end())
        return false;
    if (!type->is_string() || type->get_ref<const std::string&>() != "ballot")
        return false;
    // An integer as JSON wrote it (1.0 is a number, not an integer, to the schema too); one
    // past 2^63 reads as negative here and goes to the schema.
    if (!round->is_number_integer() || round->get<std::int64_t>() < 1)
        return false;
    if (!id->is_string())
        return false;
    const auto& text = id->get_ref<const std::string&>();
    if (text.size() < 8 || text.size() > 64 ||
        !std::all_of(text.begin(), text.end(), ballot_id_char))
        return false;
    if (!choices->is_array() || choices->empty() || choices->size() > 200)
        return false;
    return std::all_of(choices->begin(), choices->end(), plain_choice);
}

} // namespace asamblea::server
