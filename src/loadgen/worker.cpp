#include "loadgen/worker.hpp"

#include "loadgen/connection.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <thread>

namespace asamblea::loadgen {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

std::string worker_report_path(const std::string& dir, int index, const std::string& phase) {
    return dir + "/worker-" + std::to_string(index) + "-" + phase + ".json";
}

int run_worker(const worker_config& config, const seed_data& seed) {
    worker w(config, seed);
    return w.run();
}

worker::worker(const worker_config& config, const seed_data& seed)
    : config_(config), seed_(seed), guard_(asio::make_work_guard(ioc_)),
      projector_guard_(asio::make_work_guard(projector_ioc_)) {}

int worker::run() {
    // Build every connection first (projector, then voters, per assembly), then start them
    // `max_connecting` at a time.
    unsigned address = 0;
    for (auto i : config_.assemblies) {
        auto slot = std::make_unique<assembly_slot>();
        slot->seed = &seed_.assemblies[i];
        auto local = [&] {
            unsigned n = (config_.index * 7919U + address++) % config_.source_addresses;
            asio::ip::address_v4::bytes_type b{127, 0, static_cast<unsigned char>(n / 250),
                                               static_cast<unsigned char>(2 + n % 250)};
            return tcp::endpoint(asio::ip::address_v4(b), 0);
        };
        const auto& t = seed_.targets[slot->seed->target];
        tcp::endpoint remote(asio::ip::make_address(t.host), t.ws_port != 0 ? t.ws_port : t.port);
        if (!config_.echo)
            conns_.push_back(std::make_shared<connection>(*this, asio::make_strand(projector_ioc_),
                                                          *slot, -1, local(), remote));
        for (std::size_t v = 0; v < slot->seed->codes.size(); ++v)
            conns_.push_back(std::make_shared<connection>(*this, asio::make_strand(ioc_), *slot,
                                                          static_cast<int>(v), local(), remote));
        slots_.push_back(std::move(slot));
    }
    if (conns_.empty())
        status("connected 0 0");
    for (unsigned i = 0; i < config_.max_connecting; ++i)
        start_more();
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < std::max(1U, config_.threads); ++t)
        threads.emplace_back([this] { ioc_.run(); });
    threads.emplace_back([this] { projector_ioc_.run(); });
    command_loop();
    for (auto& t : threads)
        t.join();
    return 0;
}

void worker::status(const std::string& line) {
    std::lock_guard lock(status_mutex_);
    std::string l = line + "\n";
    if (::write(config_.status_fd, l.data(), l.size()) < 0) {
        // the parent is gone; nothing to report to
    }
}

void worker::count_error(const std::string& code) {
    std::lock_guard lock(errors_mutex_);
    ++errors_[code];
    ++errors_total_;
}

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
    std::shared_ptr<connection> next;
    {
        std::lock_guard lock(start_mutex_);
        if (next_start_ >= conns_.size())
            return;
        next = conns_[next_start_++];
    }
    asio::post(ioc_, [next] { next->start(); });
}

void worker::command_loop() {
    FILE* in = fdopen(config_.cmd_fd, "r");
    std::string line;
    int ch;
    while (in && (ch = std::fgetc(in)) != EOF) {
        if (ch != '\n') {
            line.push_back(static_cast<char>(ch));
            continue;
        }
        if (line.starts_with("phase ")) {
            asio::post(ioc_, [this, line] { start_phase(line); });
        } else if (line == "quit") {
            break;
        }
        line.clear();
    }
    asio::post(ioc_, [this] {
        for (const auto& c : conns_)
            c->close();
        guard_.reset();
        projector_guard_.reset();
        auto stop = std::make_shared<asio::steady_timer>(ioc_);
        stop->expires_after(std::chrono::milliseconds(300));
        stop->async_wait([this, stop](error_code) {
            ioc_.stop();
            projector_ioc_.stop();
        });
    });
}

void worker::start_phase(const std::string& line) {
    phase_ = parse_phase_command(line);
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        std::lock_guard lock(slots_[i]->mutex);
        slots_[i]->round_id = i < phase_.rounds.size() ? phase_.rounds[i] : 0;
        slots_[i]->first_acks.clear();
        slots_[i]->snapshots.clear();
    }
    {
        std::lock_guard lock(errors_mutex_);
        errors_.clear();
        errors_total_ = 0;
    }
    acked_ = 0;
    ballots_sent_ = 0;
    shed_ = 0;
    finishing_ = false;
    phone_traffic_start_ = phone_traffic_.read();
    projector_traffic_start_ = projector_traffic_.read();
    phase_start_ = clock_type::now();
    if (phase_.idle) {
        outstanding_ = 1; // the window's end
        phase_open_ = true;
        progress_tick();
        phase_deadline_tick();
        return idle_window();
    }
    long voters = 0;
    for (const auto& c : conns_)
        voters += c->is_projector() ? 0 : 1;
    // One for each voter until it says whether it changes its mind; plus one for the start
    // itself, so nothing finishes before every voter has been told.
    outstanding_ = voters + 1;
    phase_open_ = true;
    std::uint64_t base = config_.seed + std::hash<std::string>{}(phase_.name);
    for (const auto& c : conns_)
        if (!c->is_projector())
            c->begin_phase(base);
    progress_tick();
    phase_deadline_tick();
    one_resolved(); // the start's own count
}

void worker::idle_window() {
    // Nothing to send: the devices hold their sockets (and ping) until the window ends.
    auto timer = std::make_shared<asio::steady_timer>(ioc_);
    timer->expires_at(phase_start_ +
                      std::chrono::milliseconds(static_cast<long>(phase_.window_ms)));
    timer->async_wait([this, timer](error_code) { one_resolved(); });
}

void worker::ballot_resolved(bool ok, const std::string& code) {
    if (ok)
        ++acked_;
    else if (!code.empty())
        count_error(code);
    else
        count_error("ballot_lost");
    one_resolved();
}

void worker::one_resolved() {
    if (--outstanding_ == 0)
        asio::post(ioc_, [this] { finish_phase(); });
}

void worker::progress_tick() {
    long errors;
    {
        std::lock_guard lock(errors_mutex_);
        errors = errors_total_;
    }
    status("progress " + std::to_string(acked_.load()) + " " + std::to_string(errors));
    if (!phase_open_)
        return;
    if (!progress_timer_)
        progress_timer_ = std::make_unique<asio::steady_timer>(ioc_);
    progress_timer_->expires_after(std::chrono::milliseconds(250));
    progress_timer_->async_wait([this](error_code ec) {
        if (!ec && phase_open_)
            progress_tick();
    });
}

void worker::phase_deadline_tick() {
    // A phase that does not end within its window plus two minutes is ended with what it has.
    auto timer = std::make_shared<asio::steady_timer>(ioc_);
    timer->expires_after(std::chrono::milliseconds(static_cast<long>(phase_.window_ms)) +
                         std::chrono::seconds(120));
    std::string name = phase_.name;
    timer->async_wait([this, timer, name](error_code ec) {
        if (!ec && phase_open_ && phase_.name == name) {
            count_error("phase_timeout");
            finish_phase();
        }
    });
}

void worker::finish_phase() {
    if (finishing_.exchange(true))
        return;
    phase_open_ = false;
    settle_until_ = clock_type::now() + std::chrono::seconds(3);
    settle();
}

bool worker::projectors_caught_up() {
    if (config_.echo)
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
    auto timer = std::make_shared<asio::steady_timer>(ioc_);
    timer->expires_after(std::chrono::milliseconds(50));
    timer->async_wait([this, timer](error_code) {
        if (!projectors_caught_up() && clock_type::now() < settle_until_)
            return settle();
        write_report();
    });
}

nlohmann::json worker::traffic_report() const {
    // The phase's window here: from its command to now (its report), settling included.
    return {
        {"seconds", seconds_since(phase_start_)},
        {"phones", traffic_count_json(phone_traffic_.read() - phone_traffic_start_)},
        {"projectors", traffic_count_json(projector_traffic_.read() - projector_traffic_start_)},
        {"phones_held", phone_traffic_.held()},
        {"projectors_held", projector_traffic_.held()},
        // Since the worker started: before the first phase, what connecting carried.
        {"phones_at_start", traffic_count_json(phone_traffic_start_)},
        {"projectors_at_start", traffic_count_json(projector_traffic_start_)}};
}

void worker::write_report() {
    nlohmann::json out;
    out["phase"] = phase_.name;
    out["connections_ok"] = connected_ok_.load();
    out["connections_failed"] = connected_failed_.load();
    out["ballots_sent"] = ballots_sent_.load();
    out["acked"] = acked_.load();
    out["shed"] = shed_.load();
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
        for (std::size_t k = 0; k < acks.size() && !config_.echo; ++k) {
            while (s < slot->snapshots.size() &&
                   slot->snapshots[s].second < static_cast<std::int64_t>(k + 1))
                ++s;
            if (s == slot->snapshots.size()) {
                ++never_shown;
                continue;
            }
            lags.push_back(static_cast<float>(std::max(0.0, slot->snapshots[s].first - acks[k])));
        }
        assemblies.push_back({{"clues", slot->seed->clues},
                              {"round_id", slot->round_id},
                              {"final", nlohmann::json::array()}});
    }
    for (const auto& c : conns_) {
        // An idle phase sent no ballot; its connections' records are the last voting phase's.
        if (phase_.idle)
            break;
        for (const auto& [t, l] : c->acks()) {
            flat.push_back(t);
            flat.push_back(l);
        }
        if (!c->is_projector() && c->voted() && !config_.echo)
            assemblies[index[&c->slot()]]["final"].push_back({c->receipt(), c->choices()});
    }
    out["acks"] = flat;
    out["lag_ms"] = lags;
    out["never_shown"] = never_shown;
    out["assemblies"] = assemblies;
    out["traffic"] = traffic_report();
    std::ofstream(worker_report_path(config_.out_dir, config_.index, phase_.name)) << out.dump();
    long errors = 0;
    {
        std::lock_guard lock(errors_mutex_);
        errors = errors_total_;
    }
    status("progress " + std::to_string(acked_.load()) + " " + std::to_string(errors));
    status("done " + phase_.name);
}

} // namespace asamblea::loadgen
