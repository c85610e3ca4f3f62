#pragma once
/// One simulated device's WebSocket: a voter's phone (hello with its credential, then its ballots
/// at the phase's moments, a second one if it changes its mind) or an assembly's projector (hello,
/// then snapshots timed against the acknowledgements). Both ping like the page when nothing
/// arrived for a while, and count what their socket carries. Its handlers keep it alive; the
/// worker holds it for the whole run and reads its record between phases.

#include "loadgen/assembly_slot.hpp"
#include "loadgen/clock.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace asamblea::loadgen {

class worker;

class connection : public std::enable_shared_from_this<connection> {
public:
    using strand_type = boost::asio::strand<boost::asio::io_context::executor_type>;

    /// `voter` is the index of the credential in the assembly, or -1 for the projector.
    connection(worker& owner, strand_type strand, assembly_slot& slot, int voter,
               boost::asio::ip::tcp::endpoint local, boost::asio::ip::tcp::endpoint remote)
        : worker_(owner), strand_(strand), ws_(strand), slot_(slot), voter_(voter), local_(local),
          remote_(remote), timer_(strand), ping_timer_(strand) {}

    /// Binds to `local`, connects, shakes hands and says hello.
    void start();
    /// Clears the last phase's record and schedules this voter's ballots.
    void begin_phase(std::uint64_t seed_base);
    /// Closes the socket without counting a loss; safe from any thread.
    void close();

    bool is_projector() const { return voter_ < 0; }
    const assembly_slot& slot() const { return slot_; }

    // The phase's record, read by the worker once the phase ended (no handler touches it then).
    const std::vector<std::pair<float, float>>& acks() const { return acks_; }
    const std::string& receipt() const { return receipt_; }
    const std::vector<std::string>& choices() const { return choices_; }
    bool voted() const { return voted_; }

private:
    void fail_connect(const char* what);
    void on_connected();
    void read();
    void on_message(const std::string& text);
    void send(std::string text);
    void write_next();
    void send_ballot();
    void resolve(bool ok, const std::string& code);
    /// The server answered the ballot in flight «busy»: the same ballot again, later.
    void resend_later(long retry_after_ms);
    void lost();
    void ping_tick();

    // the phase's record
    std::vector<std::pair<float, float>> acks_; // (ms since phase start, latency ms)
    std::string receipt_;
    std::vector<std::string> choices_;
    bool voted_ = false;
    worker& worker_;
    strand_type strand_;
    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    boost::beast::flat_buffer buffer_;
    assembly_slot& slot_;
    int voter_;
    boost::asio::ip::tcp::endpoint local_;
    boost::asio::ip::tcp::endpoint remote_;
    boost::asio::steady_timer timer_;
    boost::asio::steady_timer ping_timer_;
    clock_type::time_point last_rx_;   // the last message received, for the pings
    clock_type::time_point pinged_at_; // the last ping sent: one per silence, as the page
    std::deque<std::shared_ptr<const std::string>> out_;
    bool writing_ = false;
    bool connected_ = false;
    bool quitting_ = false;
    bool dead_ = false;
    // the ballot in flight and what is left to send in this phase
    std::optional<std::string> inflight_uid_;
    std::vector<std::string> inflight_choices_;
    clock_type::time_point sent_at_;
    std::string inflight_text_; // sent again after a busy answer
    int busy_tries_ = 0;        // busy answers for the ballot in flight
    int left_ = 0;              // ballots not yet resolved in this phase
    bool change_ = false;       // sends a second ballot after the first ack
    int serial_ = 0;
    std::mt19937_64 rng_;
};

} // namespace asamblea::loadgen
