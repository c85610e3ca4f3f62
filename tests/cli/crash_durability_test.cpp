// An acknowledged ballot survives the server being killed with SIGKILL mid-burst, and the server
// recovers on restart: the real binary over a bench-seed data folder, real voters over WebSocket.
#include "assembly_setup.hpp"
#include "bench_seed.hpp"
#include "run_command.hpp"
#include "serve_process.hpp"
#include "ws_client.hpp"

#include "domain/assembly/credential_code.hpp"
#include "loadgen/seed_file.hpp"
#include "store/database.hpp"
#include "store/round_repo.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <doctest/doctest.h>

#include <csignal>
#include <deque>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using nlohmann::json;
namespace beast = boost::beast;
namespace asio = boost::asio;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace crash_durability_test {

namespace {

constexpr auto bounded_wait = std::chrono::seconds(30);

/// One ballot a flooding voter sent, and its receipt once acknowledged.
struct sent_ballot {
    std::size_t voter = 0;
    std::string receipt; // display form; empty while unacknowledged
};

/// What the flood saw: every ballot sent, in order per voter, by ballot id.
struct flood_log {
    std::map<std::string, sent_ballot> ballots;
    std::map<std::size_t, std::vector<std::string>> by_voter;
    std::size_t acked = 0;
    bool killed = false;
};

/// A voter that keeps re-voting with a few ballots in flight, on a shared io_context, so that the
/// writer always has ballots queued. Stops sending once the server is killed.
class flood_voter : public std::enable_shared_from_this<flood_voter> {
public:
    flood_voter(asio::io_context& ioc, std::size_t index, std::string code, std::string clues,
                std::int64_t round_id, const std::vector<std::string>& options, flood_log& log,
                std::function<void()> on_ack)
        : ws_(ioc), timer_(ioc), index_(index), code_(std::move(code)), clues_(std::move(clues)),
          round_id_(round_id), options_(options), log_(log), on_ack_(std::move(on_ack)) {}

    void start(unsigned short port) {
        beast::get_lowest_layer(ws_).async_connect(
            {asio::ip::make_address("127.0.0.1"), port},
            [self = shared_from_this()](beast::error_code ec) {
                if (ec)
                    return;
                self->ws_.async_handshake(
                    "localhost", "/ws/c/" + self->clues_, [self](beast::error_code ec) {
                        if (ec)
                            return;
                        self->read();
                        self->send(json{{"type", "hello"}, {"credential", self->code_}});
                    });
            });
    }

private:
    static constexpr int in_flight = 4;

    void read() {
        ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec)
                return; // the server is gone (or closed us): nothing more will arrive
            auto msg = json::parse(beast::buffers_to_string(self->buffer_.data()), nullptr, false);
            self->buffer_.consume(self->buffer_.size());
            self->on_message(msg);
            self->read();
        });
    }

    void on_message(const json& msg) {
        std::string type = msg.value("type", "");
        if (type == "welcome")
            return tick();
        if (type != "ack")
            return;
        auto it = log_.ballots.find(msg.value("ballot_id", ""));
        if (it == log_.ballots.end() || !it->second.receipt.empty())
            return;
        // Acks read after the kill still count: the server sent them before it died.
        it->second.receipt = msg.value("receipt", "");
        ++log_.acked;
        --unacked_;
        on_ack_();
    }

    // Ballots leave on a clock, not on acks, so new ones reach the writer while earlier batches
    // are being acknowledged; a few per socket stay in flight (each replaces the one before).
    void tick() {
        if (log_.killed)
            return;
        if (unacked_ < in_flight) {
            ++unacked_;
            send_ballot();
        }
        timer_.expires_after(std::chrono::milliseconds(2));
        timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (!ec)
                self->tick();
        });
    }

    void send_ballot() {
        std::string uid = "crash-" + std::to_string(index_) + "-" + std::to_string(++serial_);
        log_.ballots[uid] = {index_, ""};
        log_.by_voter[index_].push_back(uid);
        send({{"type", "ballot"},
              {"round_id", round_id_},
              {"ballot_id", uid},
              {"choices", {options_[serial_ % options_.size()]}}});
    }

    // Beast allows one write in flight per stream: the rest wait their turn here.
    void send(const json& msg) {
        out_.push_back(msg.dump());
        if (out_.size() == 1)
            write_front();
    }
    void write_front() {
        ws_.text(true);
        ws_.async_write(asio::buffer(out_.front()),
                        [self = shared_from_this()](beast::error_code ec, std::size_t) {
                            if (ec)
                                return;
                            self->out_.pop_front();
                            if (!self->out_.empty())
                                self->write_front();
                        });
    }

    beast::websocket::stream<beast::tcp_stream> ws_;
    asio::steady_timer timer_;
    beast::flat_buffer buffer_;
    std::deque<std::string> out_;
    std::size_t index_;
    std::string code_, clues_;
    std::int64_t round_id_;
    const std::vector<std::string>& options_;
    flood_log& log_;
    std::function<void()> on_ack_;
    std::size_t serial_ = 0;
    int unacked_ = 0;
};

json hello(ws_client& ws, const std::string& code) {
    ws.send({{"type", "hello"}, {"credential", code}});
    auto welcome = ws.next_of("welcome", bounded_wait);
    REQUIRE_MESSAGE(welcome, "no welcome for credential " << code);
    return *welcome;
}

// Votes once on a fresh socket and returns the ack's receipt (empty when none came).
std::string vote(unsigned short port, const std::string& clues, const std::string& code,
                 std::int64_t round_id, const std::string& uid, const std::string& choice) {
    ws_client ws(port, clues);
    hello(ws, code);
    ws.send(
        {{"type", "ballot"}, {"round_id", round_id}, {"ballot_id", uid}, {"choices", {choice}}});
    auto ack = ws.next_of("ack", bounded_wait);
    return ack && (*ack)["ballot_id"] == uid ? (*ack)["receipt"].get<std::string>() : "";
}

// The stored ballots of a round, read with the store's read API after the server died.
std::vector<asamblea::store::ballot_row> stored_ballots(const std::string& data_dir,
                                                        std::int64_t round_id) {
    auto db = asamblea::store::open_database(asamblea::store::database_path(data_dir),
                                             asamblea::store::access::read_only);
    return asamblea::store::all_ballots(*db, round_id);
}

} // namespace

TEST_CASE("an acknowledged ballot survives SIGKILL and the server recovers on restart") {
    test_dir dir;
    const std::string data = (dir.path / "data").string();
    const auto seed = seed_one_assembly(data, 60, 5);
    const auto& assembly = seed.assemblies[0];
    const auto& codes = assembly.codes;
    REQUIRE(codes.size() == 60);
    const std::string base = "/api/c/" + assembly.clues;

    // Voters 0–9 vote once before the burst (nothing in flight afterwards), 10–49 flood, and
    // 50–59 never vote before the crash.
    constexpr std::size_t settled = 10, flooders = 40;
    std::int64_t round_id = 0;
    std::map<std::size_t, std::pair<std::string, std::string>> settled_votes; // uid, receipt
    flood_log flood;
    {
        std::filesystem::create_directories(dir.path / "run-1");
        serve_process server(data, dir.path / "run-1");
        http_client rest(server.port());
        auto login = rest.request(
            "POST", "/api/auth/login",
            json{{"username", seed.targets[0].user}, {"password", seed.targets[0].password}}
                .dump());
        REQUIRE(login.status == 200);
        const std::string token = json::parse(login.body)["token"];
        // The round the load generator plays: a budget round of every accepted proposal.
        auto round =
            call(rest, "POST", base + "/rounds", token,
                 {{"kind", "budget"}, {"title", "Presupuesto (caída)"}, {"max_choices", 3}}, 201);
        round_id = round["id"];
        call(rest, "POST", base + "/rounds/" + std::to_string(round_id) + "/open", token,
             json::object(), 200);

        for (std::size_t v = 0; v < settled; ++v) {
            std::string uid = "settled-" + std::to_string(v);
            auto receipt = vote(server.port(), assembly.clues, codes[v], round_id, uid,
                                assembly.proposals[v % assembly.proposals.size()]);
            REQUIRE_MESSAGE(!receipt.empty(), "voter " << v << " got no ack before the crash");
            settled_votes[v] = {uid, receipt};
        }

        // The kill comes straight from the handler of the 30th flood ack, while the other
        // sockets still have ballots queued at the writer.
        asio::io_context ioc;
        const pid_t pid = server.pid();
        auto on_ack = [&] {
            if (!flood.killed && flood.acked >= 30) {
                ::kill(pid, SIGKILL);
                flood.killed = true;
            }
        };
        for (std::size_t v = settled; v < settled + flooders; ++v)
            std::make_shared<flood_voter>(ioc, v, codes[v], assembly.clues, round_id,
                                          assembly.proposals, flood, on_ack)
                ->start(server.port());
        // Runs until every socket has seen the server vanish (or the bounded wait ends).
        ioc.run_for(bounded_wait);
        REQUIRE_MESSAGE(flood.killed, "only " << flood.acked << " acks arrived within 30 s");
        int status = server.reap();
        REQUIRE(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == SIGKILL);
    }
    std::size_t unacked = 0;
    for (const auto& [uid, b] : flood.ballots)
        unacked += b.receipt.empty() ? 1 : 0;
    MESSAGE(flood.acked << " flood ballots acknowledged, " << unacked
                        << " sent but unacknowledged at the kill");

    // Every acknowledged receipt is stored exactly once, with the ballot it acknowledged.
    {
        std::multimap<std::string, std::string> by_receipt; // display receipt → ballot uid
        for (const auto& b : stored_ballots(data, round_id))
            by_receipt.emplace(asamblea::domain::display_credential_code(b.receipt), b.ballot_uid);
        auto stored_once = [&](const std::string& uid, const std::string& receipt) {
            auto [first, last] = by_receipt.equal_range(receipt);
            INFO("ballot " << uid << " acknowledged with receipt " << receipt);
            REQUIRE(std::distance(first, last) == 1);
            CHECK(first->second == uid);
        };
        for (const auto& [v, vote] : settled_votes)
            stored_once(vote.first, vote.second);
        for (const auto& [uid, b] : flood.ballots)
            if (!b.receipt.empty())
                stored_once(uid, b.receipt);
    }
    auto verified = run_command("verify --data '" + data + "'");
    CHECK_MESSAGE(verified.exit_code == 0, verified.output);

    // Restart on the same folder: the acknowledged ballots are each voter's, new ones still count.
    std::filesystem::create_directories(dir.path / "run-2");
    serve_process server(data, dir.path / "run-2");
    const std::string round_key = std::to_string(round_id);
    for (const auto& [v, vote] : settled_votes) {
        ws_client ws(server.port(), assembly.clues);
        auto mine = hello(ws, codes[v])["my_ballots"];
        REQUIRE_MESSAGE(mine.contains(round_key), "voter " << v << " lost ballot " << vote.first);
        CHECK(mine[round_key]["receipt"] == vote.second);
        CHECK(mine[round_key]["ballot_id"] == vote.first);
    }
    // A flooder's current ballot is its last acknowledged one or a later one, never an earlier.
    std::size_t revoter = 0;
    for (const auto& [v, uids] : flood.by_voter) {
        std::size_t last_acked = uids.size();
        for (std::size_t i = 0; i < uids.size(); ++i)
            if (!flood.ballots[uids[i]].receipt.empty())
                last_acked = i;
        if (revoter == 0 && flood.ballots[uids.back()].receipt.empty())
            revoter = v; // its last ballot was in flight at the kill and never acknowledged
        if (last_acked == uids.size())
            continue;
        ws_client ws(server.port(), assembly.clues);
        auto mine = hello(ws, codes[v])["my_ballots"];
        INFO("voter " << v << ", last acknowledged ballot " << uids[last_acked]);
        REQUIRE(mine.contains(round_key));
        auto at = std::find(uids.begin(), uids.end(), mine[round_key]["ballot_id"]);
        REQUIRE(at != uids.end());
        CHECK(static_cast<std::size_t>(at - uids.begin()) >= last_acked);
        if (at - uids.begin() == static_cast<std::ptrdiff_t>(last_acked))
            CHECK(mine[round_key]["receipt"] == flood.ballots[uids[last_acked]].receipt);
    }
    // Voters who were not acknowledged vote now and are acknowledged.
    std::vector<std::size_t> again = {settled + flooders};
    if (revoter)
        again.push_back(revoter);
    for (auto v : again) {
        INFO("voter " << v << " votes after the restart");
        CHECK(!vote(server.port(), assembly.clues, codes[v], round_id,
                    "after-restart-" + std::to_string(v), assembly.proposals[0])
                   .empty());
    }
    // Closing the round after the crash recounts it, and the audit chain still holds.
    http_client rest(server.port());
    auto login = rest.request(
        "POST", "/api/auth/login",
        json{{"username", seed.targets[0].user}, {"password", seed.targets[0].password}}.dump());
    REQUIRE(login.status == 200);
    call(rest, "POST", base + "/rounds/" + round_key + "/close",
         json::parse(login.body)["token"].get<std::string>(), json::object(), 200);
    auto recounted = run_command("verify --data '" + data + "'");
    CHECK_MESSAGE(recounted.exit_code == 0, recounted.output);
    CHECK(recounted.output.find("recontadas desde ella: 1") != std::string::npos);
    CHECK(recounted.output.find("Diferencias: 0") != std::string::npos);
}

} // namespace crash_durability_test
