#pragma once
/// A real WebSocket client over Beast for integration tests (synchronous, with a read time-out).
/// Beast stays in ws_client.cpp, compiled once, so the test files that use it parse none of it.

#include "tls_trust.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

class ws_client {
public:
    ws_client(unsigned short port, const std::string& clues);
    /// Connects from a given loopback source address (127.0.0.2, …), as another phone would.
    ws_client(unsigned short port, const std::string& clues, const std::string& source_address);
    /// Speaks WSS to a server with --tls-cert, checking its certificate against `trust`.
    ws_client(unsigned short port, const std::string& clues, const tls_trust& trust);
    ~ws_client();
    ws_client(const ws_client&) = delete;
    ws_client& operator=(const ws_client&) = delete;

    void send(const nlohmann::json& msg) { send_text(msg.dump()); }
    void send_text(const std::string& text);

    /// The next message, or nullopt on time-out or close (then closed() tells which). Every message
    /// must match its schema in schemas/out_ws_<type>.json (else this throws).
    std::optional<nlohmann::json> next(std::chrono::milliseconds timeout = std::chrono::seconds(5));

    /// Skips messages until one of the given type arrives (or nullopt).
    std::optional<nlohmann::json>
    next_of(const std::string& type, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            auto msg = next(left(deadline));
            if (!msg)
                return std::nullopt;
            if ((*msg)["type"] == type)
                return msg;
        }
        return std::nullopt;
    }

    /// What a page shows: the last snapshot received, with the progress messages received after
    /// it applied as web/js/live.js applyProgress does (nullopt before any snapshot).
    const std::optional<nlohmann::json>& view() const { return view_; }

    /// Waits until the view, after a snapshot or a progress message, satisfies pred; returns it.
    template <class Pred>
    std::optional<nlohmann::json>
    snapshot_where(Pred pred, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            auto msg = next(left(deadline));
            if (!msg)
                return std::nullopt;
            if (view_ && ((*msg)["type"] == "snapshot" || (*msg)["type"] == "progress") &&
                pred(*view_))
                return view_;
        }
        return std::nullopt;
    }

    /// The connection ended with the server's close frame.
    bool closed() const;
    /// The connection ended (closed or reset), rather than a read timing out.
    bool ended() const;
    /// What ended the connection, for a failure message (empty while it is open).
    std::string error_message() const;
    /// The close frame's code (1000, 1001, 1009, ...), 0 when there was none.
    int close_code() const;

private:
    static std::chrono::milliseconds left(std::chrono::steady_clock::time_point deadline) {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
    }

    void follow_view(const nlohmann::json& msg);

    struct impl;
    std::unique_ptr<impl> impl_;
    std::optional<nlohmann::json> view_;
};
