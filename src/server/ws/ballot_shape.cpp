#include "server/ws/ballot_shape.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>

namespace asamblea::server {
namespace {

bool ballot_id_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

enum class field { type, round_id, ballot_id, choices, other };

constexpr unsigned bit(field f) {
    return 1U << static_cast<unsigned>(f);
}

constexpr unsigned all_fields =
    bit(field::type) | bit(field::round_id) | bit(field::ballot_id) | bit(field::choices);

// nlohmann's SAX events for one plain ballot: any other event, or one out of place, stops the
// parse (false), and the message goes the long way.
class plain_ballot_reader {
public:
    using json = nlohmann::json;
    using number_integer_t = json::number_integer_t;
    using number_unsigned_t = json::number_unsigned_t;
    using number_float_t = json::number_float_t;
    using string_t = json::string_t;
    using binary_t = json::binary_t;

    ballot_message message;

    bool complete() const { return seen_ == all_fields && depth_ == 0; }

    bool null() { return false; }
    bool boolean(bool) { return false; }
    bool binary(binary_t&) { return false; }
    // 1.0 is a number, not an integer, to the schema too.
    bool number_float(number_float_t, const string_t&) { return false; }
    bool number_integer(number_integer_t v) { return v >= 1 && round_id(v); }
    bool number_unsigned(number_unsigned_t v) {
        return v >= 1 &&
               v <= static_cast<number_unsigned_t>(std::numeric_limits<std::int64_t>::max()) &&
               round_id(static_cast<std::int64_t>(v));
    }
    bool string(string_t& s) {
        if (in_choices_) {
            // The schema counts characters, and 40 bytes are at most 40 of them. A longer choice
            // in accents or other scripts may still be valid: the schema decides.
            if (s.empty() || s.size() > 40 || message.choices.size() >= 200)
                return false;
            message.choices.push_back(std::move(s));
            return true;
        }
        if (depth_ != 1)
            return false;
        if (field_ == field::type)
            return s == "ballot";
        if (field_ != field::ballot_id || s.size() < 8 || s.size() > 64 ||
            !std::all_of(s.begin(), s.end(), ballot_id_char))
            return false;
        message.ballot_id = std::move(s);
        return true;
    }
    bool start_object(std::size_t) { return depth_++ == 0; }
    bool end_object() {
        --depth_;
        return seen_ == all_fields;
    }
    bool key(string_t& k) {
        field f = k == "type"        ? field::type
                  : k == "round_id"  ? field::round_id
                  : k == "ballot_id" ? field::ballot_id
                  : k == "choices"   ? field::choices
                                     : field::other;
        // A field twice is not plain (the JSON tree keeps the last one): the long way decides.
        if (f == field::other || (seen_ & bit(f)) != 0)
            return false;
        seen_ |= bit(f);
        field_ = f;
        return true;
    }
    bool start_array(std::size_t) {
        if (depth_ != 1 || field_ != field::choices || in_choices_)
            return false;
        in_choices_ = true;
        return true;
    }
    bool end_array() {
        in_choices_ = false;
        return !message.choices.empty();
    }
    bool parse_error(std::size_t, const std::string&, const json::exception&) { return false; }

private:
    bool round_id(std::int64_t v) {
        if (depth_ != 1 || in_choices_ || field_ != field::round_id)
            return false;
        message.round_id = v;
        return true;
    }

    int depth_ = 0;
    field field_ = field::other;
    unsigned seen_ = 0;
    bool in_choices_ = false;
};

} // namespace

std::optional<ballot_message> read_plain_ballot(std::string_view text) {
    plain_ballot_reader reader;
    // Strict: nothing may follow the object. A parse error ends in parse_error (no throw).
    if (!nlohmann::json::sax_parse(text, &reader, nlohmann::json::input_format_t::json, true) ||
        !reader.complete())
        return std::nullopt;
    return std::move(reader.message);
}

} // namespace asamblea::server
