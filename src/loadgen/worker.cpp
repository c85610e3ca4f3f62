#include "loadgen/worker.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include <netinet/in.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <thread>

namespace asamblea::loadgen {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using clock_type = std::chrono::steady_clock;
using strand_type = asio::strand<asio::io_context::executor_type>;

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif

double ms_between(clock_type::time_point a, clock_type::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

class worker;

/// One assembly as this worker sees it: the round in play, the acknowledgements of first
/// ballots in arrival order, and what the projector has shown.
struct assembly_slot {
    const seed_assembly* seed = nullptr;
    std::mutex mutex;
    std::int64_t round_id = 0;
    std::vector<double> first_acks;                         // ms since phase start
    std::vector<std::pair<double, std::int64_t>> snapshots; // (ms, ballots counted)
    bool projector_connected = false;
};

class conn : public std::enable_shared_from_this<conn> {
public:
    conn(worker& w, strand_type strand, assembly_slot& slot, int voter, tcp::endpoint local,
         tcp::endpoint remote)
        : w_(w), strand_(strand), ws_(strand), slot_(slot), voter_(voter), local_(local),
          remote_(remote), timer_(strand) {}

    void start();
    void begin_phase(std::uint64_t seed_base);
    void close() {
        asio::post(strand_, [self = shared_from_this()] {
            self->quitting_ = true;
            beast::error_code ec;
            beast::get_lowest_layer(self->ws_).socket().close(ec);
        });
    }

    bool is_projector() const { return voter_ < 0; }
    const assembly_slot& slot() const { return slot_; }

    // Read by the worker after the phase ended (no handler touches them then).
    std::vector<std::pair<float, float>> acks; // (ms since phase start, latency ms)
    std::string receipt;
    std::vector<std::string> choices;
    bool voted = false;

private:
    void fail_connect(const char* what);
    void on_connected();
    void read();
    void on_message(const std::string& text);
    void send(std::string text);
    void write_next();
    void send_ballot();
    void resolve(bool ok, const std::string& code);
    void lost();

    worker& w_;
    strand_type strand_;
    websocket::stream<beast::tcp_stream> ws_;
    beast::flat_buffer buffer_;
    assembly_slot& slot_;
    int voter_; // index in the assembly, or -1 for the projector
    tcp::endpoint local_;
    tcp::endpoint remote_;
    asio::steady_timer timer_;
    std::deque<std::shared_ptr<const std::string>> out_;
    bool writing_ = false;
    bool connected_ = false;
    bool quitting_ = false;
    bool dead_ = false;
    // the ballot in flight and what is left to send in this phase
    std::optional<std::string> inflight_uid_;
    std::vector<std::string> inflight_choices_;
    clock_type::time_point sent_at_;
    int left_ = 0;        // ballots not yet resolved in this phase
    bool change_ = false; // sends a second ballot after the first ack
    int serial_ = 0;
    std::mt19937_64 rng_;
};

class worker {
public:
    worker(const worker_config& c, const seed_data& seed)
        : config(c), seed_(seed), guard_(asio::make_work_guard(ioc)),
          projector_guard_(asio::make_work_guard(projector_ioc)) {}

    const worker_config& config;
    asio::io_context ioc;
    // A projector is its own device in the room: its socket gets a thread of its own, so what
    // it shows is not timed behind this process's thousands of simulated phones.
    asio::io_context projector_ioc;

    int run();

    // what connections report
    void connect_finished(bool ok);
    void ballot_resolved(bool ok, const std::string& error_code);
    void count_error(const std::string& code) {
        std::lock_guard lock(errors_mutex_);
        ++errors_[code];
        ++errors_total_;
    }

    // the phase in play
    std::string phase_name;
    bool spread = true;
    double window_ms = 0;
    int change_permille = 0;
    clock_type::time_point phase_start;
    std::atomic<bool> phase_open{false};
    std::atomic<long> ballots_sent{0};

private:
    void status(const std::string& line) {
        std::lock_guard lock(status_mutex_);
        std::string l = line + "\n";
        if (::write(config.status_fd, l.data(), l.size()) < 0) {
            // the parent is gone; nothing to report to
        }
    }
    void start_more();
    void command_loop();
    void start_phase(const std::string& line);
    void finish_phase();
    void settle();
    bool projectors_caught_up();
    void write_report();
    void progress_tick();
    void phase_deadline_tick();

    const seed_data& seed_;
    asio::executor_work_guard<asio::io_context::executor_type> guard_;
    asio::executor_work_guard<asio::io_context::executor_type> projector_guard_;
    std::vector<std::unique_ptr<assembly_slot>> slots_;
    std::vector<std::shared_ptr<conn>> conns_;
    std::mutex start_mutex_;
    std::size_t next_start_ = 0;
    std::atomic<long> connected_ok_{0}, connected_failed_{0};
    std::atomic<long> outstanding_{0};
    std::atomic<long> acked_{0};
    std::mutex errors_mutex_;
    std::map<std::string, long> errors_;
    long errors_total_ = 0;
    std::mutex status_mutex_;
    std::unique_ptr<asio::steady_timer> progress_timer_;
    std::atomic<bool> finishing_{false};
    std::atomic<bool> quit_{false};
    clock_type::time_point settle_until_;
};

// ---- conn -------------------------------------------------------------------------------------

void conn::start() {
    auto& sock = beast::get_lowest_layer(ws_).socket();
    beast::error_code ec;
    sock.open(tcp::v4(), ec);
    if (!ec) {
        // Let connect() pick the port per 4-tuple, so one local address is not a 28k-port limit.
        int one = 1;
        ::setsockopt(sock.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
        sock.bind(local_, ec);
    }
    if (ec)
        return fail_connect(ec == asio::error::no_descriptors ? "no_descriptors" : "bind");
    beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(30));
    beast::get_lowest_layer(ws_).async_connect(remote_, [self = shared_from_this()](
                                                            beast::error_code ec) {
        if (ec)
            return self->fail_connect("connect");
        self->ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
        // Frame masks need no cryptographic randomness on loopback; the fast generator keeps the
        // load generator's CPU for the sockets.
        self->ws_.secure_prng(false);
        self->ws_.async_handshake(
            "127.0.0.1", "/ws/c/" + self->slot_.seed->clues, [self](beast::error_code ec) {
                beast::get_lowest_layer(self->ws_).expires_never();
                if (ec)
                    return self->fail_connect("handshake");
                self->read();
                if (self->w_.config.echo)
                    return self->on_connected();
                if (self->is_projector())
                    self->send(R"({"type":"hello"})");
                else
                    self->send(R"({"type":"hello","credential":")" +
                               self->slot_.seed->codes[static_cast<std::size_t>(self->voter_)] +
                               "\"}");
            });
    });
}

void conn::fail_connect(const char* what) {
    if (dead_)
        return;
    dead_ = true;
    w_.count_error(std::string("connect_") + what);
    w_.connect_finished(false);
}

void conn::on_connected() {
    if (connected_)
        return;
    connected_ = true;
    if (is_projector()) {
        std::lock_guard lock(slot_.mutex);
        slot_.projector_connected = true;
    }
    w_.connect_finished(true);
}

void conn::read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
        if (ec) {
            if (!self->quitting_) {
                if (!self->connected_)
                    return self->fail_connect("closed");
                self->w_.count_error(ec == websocket::error::closed ? "closed_by_server"
                                                                    : "connection_lost");
                self->lost();
            }
            return;
        }
        auto text = beast::buffers_to_string(self->buffer_.data());
        self->buffer_.consume(self->buffer_.size());
        self->on_message(text);
        self->read();
    });
}

void conn::lost() {
    dead_ = true;
    timer_.cancel();
    while (left_ > 0) {
        --left_;
        w_.ballot_resolved(false, "");
    }
}

void conn::on_message(const std::string& text) {
    if (w_.config.echo) {
        if (inflight_uid_)
            resolve(true, "");
        return;
    }
    // A snapshot names its type near the start or, with sorted keys, near the end: look there
    // instead of parsing kilobytes that a phone would only redraw.
    bool snapshot = text.size() > 200 &&
                    (text.compare(0, 18, R"({"type":"snapshot")") == 0 ||
                     text.find(R"("type":"snapshot")", text.size() - 64) != std::string::npos);
    if (snapshot) {
        if (!is_projector())
            return; // a phone redraws; the load generator only needs the projector's view
        auto msg = nlohmann::json::parse(text, nullptr, false);
        if (msg.is_discarded() || !msg["round"].is_object())
            return;
        const auto& round = msg["round"];
        auto now = clock_type::now();
        std::lock_guard lock(slot_.mutex);
        if (round.value("id", std::int64_t{0}) == slot_.round_id)
            slot_.snapshots.emplace_back(ms_between(w_.phase_start, now),
                                         round.value("ballots", std::int64_t{0}));
        return;
    }
    auto msg = nlohmann::json::parse(text, nullptr, false);
    if (msg.is_discarded() || !msg.is_object())
        return w_.count_error("bad_json");
    std::string type = msg.value("type", "");
    if (type == "welcome")
        return on_connected();
    if (type == "ack") {
        if (inflight_uid_ && msg.value("ballot_id", "") == *inflight_uid_) {
            receipt = msg.value("receipt", "");
            choices = inflight_choices_;
            resolve(true, "");
        }
        return;
    }
    if (type == "error") {
        std::string code = msg.value("error", "error");
        if (!connected_) {
            w_.count_error("hello_" + code);
            return fail_connect("refused");
        }
        if (inflight_uid_ && msg.value("ballot_id", "") == *inflight_uid_)
            return resolve(false, code);
        return w_.count_error(code);
    }
}

void conn::send(std::string text) {
    out_.push_back(std::make_shared<const std::string>(std::move(text)));
    if (!writing_)
        write_next();
}

void conn::write_next() {
    if (out_.empty() || dead_) {
        writing_ = false;
        return;
    }
    writing_ = true;
    ws_.text(true);
    ws_.async_write(asio::buffer(*out_.front()),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        self->out_.pop_front();
                        if (ec) {
                            self->writing_ = false;
                            return; // the read side reports the loss
                        }
                        self->write_next();
                    });
}

void conn::begin_phase(std::uint64_t seed_base) {
    asio::post(strand_, [self = shared_from_this(), seed_base] {
        self->acks.clear();
        self->receipt.clear();
        self->choices.clear();
        self->voted = false;
        self->inflight_uid_.reset();
        self->rng_.seed(seed_base * 1'000'003ULL + static_cast<std::uint64_t>(self->voter_) +
                        std::hash<std::string>{}(self->slot_.seed->clues));
        if (self->dead_ || !self->connected_) {
            self->w_.ballot_resolved(false, "not_connected");
            return;
        }
        std::uniform_int_distribution<int> permille(0, 999);
        self->change_ = permille(self->rng_) < self->w_.change_permille;
        self->left_ = self->change_ ? 2 : 1;
        if (self->change_)
            self->w_.ballot_resolved(true, "+1"); // the worker counts one more to wait for
        double delay = 0;
        if (self->w_.spread) {
            std::uniform_real_distribution<double> when(0, self->w_.window_ms);
            delay = when(self->rng_);
        }
        self->timer_.expires_at(self->w_.phase_start +
                                std::chrono::microseconds(static_cast<long>(delay * 1000)));
        self->timer_.async_wait([self](beast::error_code ec) {
            if (!ec)
                self->send_ballot();
        });
    });
}

void conn::send_ballot() {
    if (dead_ || left_ <= 0)
        return;
    const auto& options = slot_.seed->proposals;
    std::uniform_int_distribution<int> how_many(1,
                                                std::min<int>(3, static_cast<int>(options.size())));
    int k = how_many(rng_);
    std::vector<std::string> pick(options.begin(), options.end());
    std::shuffle(pick.begin(), pick.end(), rng_);
    pick.resize(static_cast<std::size_t>(k));
    std::string uid = "lg-" + w_.phase_name + "-" + std::to_string(w_.config.index) + "-" +
                      std::to_string(voter_) + "-" + std::to_string(++serial_);
    std::string text = R"({"type":"ballot","round_id":)" + std::to_string(slot_.round_id) +
                       R"(,"ballot_id":")" + uid + R"(","choices":[)";
    for (std::size_t i = 0; i < pick.size(); ++i)
        text += (i ? ",\"" : "\"") + pick[i] + "\"";
    text += "]}";
    if (w_.config.echo)
        text.resize(std::max<std::size_t>(text.size(), 120), ' ');
    inflight_uid_ = uid;
    inflight_choices_ = std::move(pick);
    sent_at_ = clock_type::now();
    ++w_.ballots_sent;
    send(std::move(text));
}

void conn::resolve(bool ok, const std::string& code) {
    auto now = clock_type::now();
    bool first = !voted;
    inflight_uid_.reset();
    if (ok) {
        acks.emplace_back(static_cast<float>(ms_between(w_.phase_start, now)),
                          static_cast<float>(ms_between(sent_at_, now)));
        if (first && !w_.config.echo) {
            std::lock_guard lock(slot_.mutex);
            slot_.first_acks.push_back(ms_between(w_.phase_start, now));
        }
        voted = true;
    }
    --left_;
    w_.ballot_resolved(ok, code);
    if (left_ > 0) {
        // A change of mind at a random moment before the window ends (at once in a burst).
        double now_ms = ms_between(w_.phase_start, now);
        double delay = 0;
        if (w_.spread && w_.window_ms > now_ms) {
            std::uniform_real_distribution<double> when(0, w_.window_ms - now_ms);
            delay = when(rng_);
        }
        timer_.expires_after(std::chrono::microseconds(static_cast<long>(delay * 1000)));
        timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (!ec)
                self->send_ballot();
        });
    }
}

// ---- worker -----------------------------------------------------------------------------------

void worker::connect_finished(bool ok) {
    if (ok)
        ++connected_ok_;
    else
        ++connected_failed_;
    long done = connected_ok_ + connected_failed_;
    if (done == static_cast<long>(conns_.size()))
        status("connected " + std::to_string(connected_ok_.load()) + " " +
               std::to_string(connected_failed_.load()));
    start_more();
}

void worker::start_more() {
    std::shared_ptr<conn> next;
    {
        std::lock_guard lock(start_mutex_);
        if (next_start_ >= conns_.size())
            return;
        next = conns_[next_start_++];
    }
    asio::post(ioc, [next] { next->start(); });
}

void worker::ballot_resolved(bool ok, const std::string& code) {
    if (code == "+1") {
        ++outstanding_;
        return;
    }
    if (ok)
        ++acked_;
    else if (!code.empty())
        count_error(code);
    else if (code.empty() && !ok)
        count_error("ballot_lost");
    if (--outstanding_ == 0)
        asio::post(ioc, [this] { finish_phase(); });
}

void worker::start_phase(const std::string& line) {
    std::istringstream words(line);
    std::string kind, mode, ids;
    words >> kind >> phase_name >> mode >> window_ms >> change_permille >> ids;
    spread = mode == "spread";
    std::vector<std::int64_t> rounds;
    std::istringstream list(ids);
    for (std::string id; std::getline(list, id, ',');)
        rounds.push_back(std::stoll(id));
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        std::lock_guard lock(slots_[i]->mutex);
        slots_[i]->round_id = i < rounds.size() ? rounds[i] : 0;
        slots_[i]->first_acks.clear();
        slots_[i]->snapshots.clear();
    }
    {
        std::lock_guard lock(errors_mutex_);
        errors_.clear();
        errors_total_ = 0;
    }
    acked_ = 0;
    ballots_sent = 0;
    finishing_ = false;
    long voters = 0;
    for (const auto& c : conns_)
        voters += c->is_projector() ? 0 : 1;
    // One for each voter until it says whether it changes its mind (+1) or not; plus one for the
    // start itself so nothing finishes before every voter has been told.
    outstanding_ = voters + 1;
    phase_start = clock_type::now();
    phase_open = true;
    std::uint64_t base = config.seed + std::hash<std::string>{}(phase_name);
    for (const auto& c : conns_)
        if (!c->is_projector())
            c->begin_phase(base);
    progress_tick();
    phase_deadline_tick();
    ballot_resolved(true, "start");
    --acked_; // the start is not a ballot
}

void worker::progress_tick() {
    long errors;
    {
        std::lock_guard lock(errors_mutex_);
        errors = errors_total_;
    }
    status("progress " + std::to_string(acked_.load()) + " " + std::to_string(errors));
    if (!phase_open)
        return;
    if (!progress_timer_)
        progress_timer_ = std::make_unique<asio::steady_timer>(ioc);
    progress_timer_->expires_after(std::chrono::milliseconds(250));
    progress_timer_->async_wait([this](beast::error_code ec) {
        if (!ec && phase_open)
            progress_tick();
    });
}

void worker::phase_deadline_tick() {
    // A phase that does not end within its window plus two minutes is ended with what it has.
    auto timer = std::make_shared<asio::steady_timer>(ioc);
    timer->expires_after(std::chrono::milliseconds(static_cast<long>(window_ms)) +
                         std::chrono::seconds(120));
    std::string name = phase_name;
    timer->async_wait([this, timer, name](beast::error_code ec) {
        if (!ec && phase_open && phase_name == name) {
            count_error("phase_timeout");
            finish_phase();
        }
    });
}

void worker::finish_phase() {
    if (finishing_.exchange(true))
        return;
    phase_open = false;
    settle_until_ = clock_type::now() + std::chrono::seconds(3);
    settle();
}

bool worker::projectors_caught_up() {
    if (!config.projectors || config.echo)
        return true;
    for (auto& slot : slots_) {
        std::lock_guard lock(slot->mutex);
        if (!slot->projector_connected || slot->first_acks.empty())
            continue;
        std::int64_t shown = 0;
        for (const auto& [t, n] : slot->snapshots)
            shown = std::max(shown, n);
        if (shown < static_cast<std::int64_t>(slot->first_acks.size()))
            return false;
    }
    return true;
}

void worker::settle() {
    // The projectors get a moment (at most 3 s) to show the last ballots before the report.
    auto timer = std::make_shared<asio::steady_timer>(ioc);
    timer->expires_after(std::chrono::milliseconds(50));
    timer->async_wait([this, timer](beast::error_code) {
        if (!projectors_caught_up() && clock_type::now() < settle_until_)
            return settle();
        write_report();
    });
}

void worker::write_report() {
    {
        nlohmann::json out;
        out["phase"] = phase_name;
        out["connections_ok"] = connected_ok_.load();
        out["connections_failed"] = connected_failed_.load();
        out["ballots_sent"] = ballots_sent.load();
        out["acked"] = acked_.load();
        {
            std::lock_guard lock(errors_mutex_);
            out["errors"] = errors_;
        }
        std::vector<float> flat;
        std::vector<float> lags;
        long never_shown = 0;
        nlohmann::json assemblies = nlohmann::json::array();
        std::map<const assembly_slot*, std::size_t> index;
        for (auto& slot : slots_) {
            index[slot.get()] = assemblies.size();
            std::lock_guard lock(slot->mutex);
            // The k-th first ballot acknowledged is shown once the projector counts k ballots.
            auto acks = slot->first_acks;
            std::sort(acks.begin(), acks.end());
            std::size_t s = 0;
            for (std::size_t k = 0; k < acks.size() && config.projectors && !config.echo; ++k) {
                while (s < slot->snapshots.size() &&
                       slot->snapshots[s].second < static_cast<std::int64_t>(k + 1))
                    ++s;
                if (s == slot->snapshots.size()) {
                    ++never_shown;
                    continue;
                }
                lags.push_back(
                    static_cast<float>(std::max(0.0, slot->snapshots[s].first - acks[k])));
            }
            assemblies.push_back({{"clues", slot->seed->clues},
                                  {"round_id", slot->round_id},
                                  {"final", nlohmann::json::array()}});
        }
        for (const auto& c : conns_) {
            for (const auto& [t, l] : c->acks) {
                flat.push_back(t);
                flat.push_back(l);
            }
            if (!c->is_projector() && c->voted && !config.echo)
                assemblies[index[&c->slot()]]["final"].push_back({c->receipt, c->choices});
        }
        out["acks"] = flat;
        out["lag_ms"] = lags;
        out["never_shown"] = never_shown;
        out["assemblies"] = assemblies;
        std::string path =
            config.out_dir + "/worker-" + std::to_string(config.index) + "-" + phase_name + ".json";
        std::ofstream(path) << out.dump();
        long errors = 0;
        {
            std::lock_guard lock(errors_mutex_);
            errors = errors_total_;
        }
        status("progress " + std::to_string(acked_.load()) + " " + std::to_string(errors));
        status("done " + phase_name);
    }
}

void worker::command_loop() {
    FILE* in = fdopen(config.cmd_fd, "r");
    std::string line;
    int ch;
    while (in && (ch = std::fgetc(in)) != EOF) {
        if (ch != '\n') {
            line.push_back(static_cast<char>(ch));
            continue;
        }
        if (line.starts_with("phase ")) {
            asio::post(ioc, [this, line] { start_phase(line); });
        } else if (line == "quit") {
            break;
        }
        line.clear();
    }
    quit_ = true;
    asio::post(ioc, [this] {
        for (const auto& c : conns_)
            c->close();
        guard_.reset();
        projector_guard_.reset();
        auto stop = std::make_shared<asio::steady_timer>(ioc);
        stop->expires_after(std::chrono::milliseconds(300));
        stop->async_wait([this, stop](beast::error_code) {
            ioc.stop();
            projector_ioc.stop();
        });
    });
}

int worker::run() {
    // Build every connection first (projector, then voters, per assembly), then start them
    // `max_connecting` at a time.
    unsigned address = 0;
    for (auto i : config.assemblies) {
        auto slot = std::make_unique<assembly_slot>();
        slot->seed = &seed_.assemblies[i];
        auto local = [&] {
            unsigned n = (config.index * 7919U + address++) % config.source_addresses;
            asio::ip::address_v4::bytes_type b{127, 0, static_cast<unsigned char>(n / 250),
                                               static_cast<unsigned char>(2 + n % 250)};
            return tcp::endpoint(asio::ip::address_v4(b), 0);
        };
        const auto& t = seed_.targets[slot->seed->target];
        tcp::endpoint remote(asio::ip::make_address(t.host), t.port);
        if (config.projectors && !config.echo)
            conns_.push_back(std::make_shared<conn>(*this, asio::make_strand(projector_ioc), *slot,
                                                    -1, local(), remote));
        for (std::size_t v = 0; v < slot->seed->codes.size(); ++v)
            conns_.push_back(std::make_shared<conn>(*this, asio::make_strand(ioc), *slot,
                                                    static_cast<int>(v), local(), remote));
        slots_.push_back(std::move(slot));
    }
    if (conns_.empty())
        status("connected 0 0");
    for (unsigned i = 0; i < config.max_connecting; ++i)
        start_more();
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < std::max(1U, config.threads); ++t)
        threads.emplace_back([this] { ioc.run(); });
    threads.emplace_back([this] { projector_ioc.run(); });
    command_loop();
    for (auto& t : threads)
        t.join();
    return 0;
}

} // namespace

int run_worker(const worker_config& config, const seed_data& seed) {
    worker w(config, seed);
    return w.run();
}

} // namespace asamblea::loadgen
