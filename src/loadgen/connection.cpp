#include "loadgen/connection.hpp"

#include "loadgen/worker.hpp"

#include <boost/asio/post.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include <netinet/in.h>

#include <algorithm>
#include <functional>

namespace asamblea::loadgen {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif

void connection::start() {
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
        // The server's keep-alive pings are traffic too (Beast answers them by itself). The
        // counter belongs to the worker, which outlives every connection.
        self->ws_.control_callback(
            [traffic = &self->worker_.traffic(self->is_projector())](
                websocket::frame_type, beast::string_view) { traffic->control_received(); });
        self->ws_.async_handshake(
            "127.0.0.1", "/ws/c/" + self->slot_.seed->clues, [self](beast::error_code ec) {
                beast::get_lowest_layer(self->ws_).expires_never();
                if (ec)
                    return self->fail_connect("handshake");
                self->read();
                if (self->worker_.config().echo)
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

void connection::close() {
    asio::post(strand_, [self = shared_from_this()] {
        self->quitting_ = true;
        self->ping_timer_.cancel();
        beast::error_code ec;
        beast::get_lowest_layer(self->ws_).socket().close(ec);
    });
}

void connection::fail_connect(const char* what) {
    if (dead_)
        return;
    dead_ = true;
    worker_.count_error(std::string("connect_") + what);
    worker_.connect_finished(false);
}

void connection::on_connected() {
    if (connected_)
        return;
    connected_ = true;
    worker_.traffic(is_projector()).greeted();
    if (worker_.config().ping_seconds > 0) {
        // The first look at a random moment within a period (pages load at different times).
        std::uniform_real_distribution<double> phase(0, worker_.config().ping_seconds * 1000);
        std::mt19937_64 rng(std::hash<std::string>{}(slot_.seed->clues) * 31U +
                            static_cast<std::uint64_t>(voter_ + 1));
        ping_timer_.expires_after(std::chrono::microseconds(static_cast<long>(phase(rng) * 1000)));
        ping_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (!ec)
                self->ping_tick();
        });
    }
    if (is_projector()) {
        std::lock_guard lock(slot_.mutex);
        slot_.projector_connected = true;
    }
    worker_.connect_finished(true);
}

void connection::read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
        if (ec) {
            if (!self->quitting_) {
                if (!self->connected_)
                    return self->fail_connect("closed");
                self->worker_.count_error(ec == websocket::error::closed ? "closed_by_server"
                                                                         : "connection_lost");
                self->lost();
            }
            return;
        }
        auto text = beast::buffers_to_string(self->buffer_.data());
        self->buffer_.consume(self->buffer_.size());
        self->last_rx_ = clock_type::now();
        self->worker_.traffic(self->is_projector()).received(text.size());
        self->on_message(text);
        self->read();
    });
}

void connection::lost() {
    if (connected_ && !dead_)
        worker_.traffic(is_projector()).lost();
    dead_ = true;
    timer_.cancel();
    ping_timer_.cancel();
    while (left_ > 0) {
        --left_;
        worker_.ballot_resolved(false, "");
    }
}

void connection::on_message(const std::string& text) {
    if (worker_.config().echo) {
        if (inflight_uid_)
            resolve(true, "");
        return;
    }
    // A snapshot names its type near the start or, with sorted keys, near the end: look there
    // instead of parsing kilobytes that a phone would only redraw.
    bool snapshot = text.size() > 200 &&
                    (text.compare(0, 18, R"({"type":"snapshot")") == 0 ||
                     text.find(R"("type":"snapshot")", text.size() - 64) != std::string::npos);
    // A progress message (docs/api.md «WebSocket») only moves the ballot figures: a phone's
    // participation, and the count the projector shows (what the lag is measured on).
    bool progress = text.compare(0, 18, R"({"type":"progress")") == 0;
    if (snapshot || progress) {
        if (!is_projector())
            return; // a phone redraws; the load generator only needs the projector's view
        auto msg = nlohmann::json::parse(text, nullptr, false);
        if (msg.is_discarded())
            return;
        const auto& round = snapshot ? msg["round"] : msg;
        if (!round.is_object())
            return;
        auto id = round.value(snapshot ? "id" : "round_id", std::int64_t{0});
        auto now = clock_type::now();
        std::lock_guard lock(slot_.mutex);
        if (id == slot_.round_id)
            slot_.snapshots.emplace_back(ms_between(worker_.phase_start(), now),
                                         round.value("ballots", std::int64_t{0}));
        return;
    }
    auto msg = nlohmann::json::parse(text, nullptr, false);
    if (msg.is_discarded() || !msg.is_object())
        return worker_.count_error("bad_json");
    std::string type = msg.value("type", "");
    if (type == "welcome")
        return on_connected();
    if (type == "ack") {
        if (inflight_uid_ && msg.value("ballot_id", "") == *inflight_uid_) {
            receipt_ = msg.value("receipt", "");
            choices_ = inflight_choices_;
            resolve(true, "");
        }
        return;
    }
    if (type == "error") {
        std::string code = msg.value("error", "error");
        if (!connected_) {
            worker_.count_error("hello_" + code);
            return fail_connect("refused");
        }
        if (inflight_uid_ && msg.value("ballot_id", "") == *inflight_uid_) {
            if (code == "busy")
                return resend_later(msg.value("retry_after_ms", 500L));
            return resolve(false, code);
        }
        return worker_.count_error(code);
    }
}

void connection::send(std::string text) {
    out_.push_back(std::make_shared<const std::string>(std::move(text)));
    if (!writing_)
        write_next();
}

void connection::write_next() {
    if (out_.empty() || dead_) {
        writing_ = false;
        return;
    }
    writing_ = true;
    ws_.text(true);
    ws_.async_write(asio::buffer(*out_.front()),
                    [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                        if (!ec)
                            self->worker_.traffic(self->is_projector())
                                .sent(n, *self->out_.front() == R"({"type":"ping"})");
                        self->out_.pop_front();
                        if (ec) {
                            self->writing_ = false;
                            return; // the read side reports the loss
                        }
                        self->write_next();
                    });
}

void connection::ping_tick() {
    // web/js/live.js beat(): a ping once per silence of ping_seconds. The page looks every 5 s;
    // this looks when the silence would reach ping_seconds, one timer per silence at most.
    if (dead_ || quitting_)
        return;
    auto every =
        std::chrono::microseconds(static_cast<long>(worker_.config().ping_seconds * 1'000'000));
    auto now = clock_type::now();
    if (now - last_rx_ >= every && !(pinged_at_ > last_rx_)) {
        pinged_at_ = now;
        send(R"({"type":"ping"})");
    }
    // Pinged in this silence: the pong, or a whole period more of it, comes next.
    auto next = last_rx_ + every;
    ping_timer_.expires_at(next > now ? next : now + every);
    ping_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
        if (!ec)
            self->ping_tick();
    });
}

void connection::begin_phase(std::uint64_t seed_base) {
    asio::post(strand_, [self = shared_from_this(), seed_base] {
        self->acks_.clear();
        self->receipt_.clear();
        self->choices_.clear();
        self->voted_ = false;
        self->inflight_uid_.reset();
        self->rng_.seed(seed_base * 1'000'003ULL + static_cast<std::uint64_t>(self->voter_) +
                        std::hash<std::string>{}(self->slot_.seed->clues));
        if (self->dead_ || !self->connected_) {
            self->worker_.ballot_resolved(false, "not_connected");
            return;
        }
        const auto& phase = self->worker_.phase();
        std::uniform_int_distribution<int> permille(0, 999);
        self->change_ = permille(self->rng_) < phase.change_permille;
        self->left_ = self->change_ ? 2 : 1;
        if (self->change_)
            self->worker_.expect_second_ballot();
        double delay = 0;
        if (phase.spread) {
            std::uniform_real_distribution<double> when(0, phase.window_ms);
            delay = when(self->rng_);
        }
        self->timer_.expires_at(self->worker_.phase_start() +
                                std::chrono::microseconds(static_cast<long>(delay * 1000)));
        self->timer_.async_wait([self](beast::error_code ec) {
            if (!ec)
                self->send_ballot();
        });
    });
}

void connection::send_ballot() {
    if (dead_ || left_ <= 0)
        return;
    const auto& options = slot_.seed->proposals;
    std::uniform_int_distribution<int> how_many(1,
                                                std::min<int>(3, static_cast<int>(options.size())));
    int k = how_many(rng_);
    std::vector<std::string> pick(options.begin(), options.end());
    std::shuffle(pick.begin(), pick.end(), rng_);
    pick.resize(static_cast<std::size_t>(k));
    std::string uid = "lg-" + worker_.phase().name + "-" + std::to_string(worker_.config().index) +
                      "-" + std::to_string(voter_) + "-" + std::to_string(++serial_);
    std::string text = R"({"type":"ballot","round_id":)" + std::to_string(slot_.round_id) +
                       R"(,"ballot_id":")" + uid + R"(","choices":[)";
    for (std::size_t i = 0; i < pick.size(); ++i)
        text += (i ? ",\"" : "\"") + pick[i] + "\"";
    text += "]}";
    if (worker_.config().echo)
        text.resize(std::max<std::size_t>(text.size(), 120), ' ');
    inflight_uid_ = uid;
    inflight_choices_ = std::move(pick);
    inflight_text_ = text;
    busy_tries_ = 0;
    sent_at_ = clock_type::now();
    worker_.ballot_sent();
    send(std::move(text));
}

void connection::resend_later(long retry_after_ms) {
    // As the phone does (web/js/votar.js): the server's wait, then twice as long each time, plus
    // up to half again at random, at most 30 s. The latency stays counted from the first send.
    worker_.count_shed();
    double wait = std::min(30'000.0, static_cast<double>(std::max(retry_after_ms, 1L)) *
                                         static_cast<double>(1L << std::min(busy_tries_, 16)));
    ++busy_tries_;
    wait = std::min(30'000.0, wait * std::uniform_real_distribution<double>(1.0, 1.5)(rng_));
    timer_.expires_after(std::chrono::microseconds(static_cast<long>(wait * 1000)));
    timer_.async_wait([self = shared_from_this(), uid = *inflight_uid_](beast::error_code ec) {
        if (!ec && !self->dead_ && self->inflight_uid_ && *self->inflight_uid_ == uid)
            self->send(self->inflight_text_);
    });
}

void connection::resolve(bool ok, const std::string& code) {
    auto now = clock_type::now();
    bool first = !voted_;
    inflight_uid_.reset();
    if (ok) {
        acks_.emplace_back(static_cast<float>(ms_between(worker_.phase_start(), now)),
                           static_cast<float>(ms_between(sent_at_, now)));
        if (first && !worker_.config().echo) {
            std::lock_guard lock(slot_.mutex);
            slot_.first_acks.push_back(ms_between(worker_.phase_start(), now));
        }
        voted_ = true;
    }
    --left_;
    worker_.ballot_resolved(ok, code);
    if (left_ > 0) {
        // A change of mind at a random moment before the window ends (at once in a burst).
        const auto& phase = worker_.phase();
        double now_ms = ms_between(worker_.phase_start(), now);
        double delay = 0;
        if (phase.spread && phase.window_ms > now_ms) {
            std::uniform_real_distribution<double> when(0, phase.window_ms - now_ms);
            delay = when(rng_);
        }
        timer_.expires_after(std::chrono::microseconds(static_cast<long>(delay * 1000)));
        timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (!ec)
                self->send_ballot();
        });
    }
}

} // namespace asamblea::loadgen
