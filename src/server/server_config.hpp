#pragma once
/// Everything `asamblea serve` can be told, with every limit explicit.

#include "domain/ballot_shedding.hpp"
#include "domain/close_grace.hpp"
#include "domain/code_throttle.hpp"
#include "domain/followup/file_kind.hpp"
#include "domain/login_throttle.hpp"
#include "domain/net/connection_caps.hpp"
#include "domain/net/trusted_proxy.hpp"
#include "domain/shards/shard_map.hpp"
#include "server/ws/ws_limits.hpp"
#include "store/writer.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::server {

struct server_limits {
    std::size_t body_bytes = 1 << 20;         // largest request body (1 MiB)
    std::size_t header_bytes = 16 * 1024;     // largest request header block
    std::chrono::seconds header_timeout{10};  // to receive a request's header
    std::chrono::seconds request_timeout{30}; // to receive its body and send the response
    std::chrono::seconds idle_timeout{75};    // keep-alive wait for the next request
    std::chrono::seconds shutdown_grace{3};   // in-flight requests may finish within this
    // Evidence uploads (POST /api/c/{clues}/files) stream to disk on their own limits: a
    // phone on a slow network may take minutes for 10 MB, so the upload is bounded by its size
    // and by the wait for each next piece, never by request_timeout.
    std::size_t upload_bytes = domain::max_upload_bytes; // largest evidence file (10 MiB)
    std::chrono::seconds upload_idle_timeout{30};        // longest wait for the upload's next bytes
    // Connections (HTTP and WebSocket) held at once, in all and per client address (IPv6: per
    // /64). Past either, a new connection is answered 503 with Retry-After before any byte of it
    // is read, and closed. 0 in all: from the descriptor limit at start
    // (domain::default_max_connections); 0 per address: no cap but the total.
    std::size_t max_connections = 0;
    std::size_t max_connections_per_address = domain::default_max_connections_per_address;
    // With TLS (server_config::tls_cert): a connection must finish its handshake within this (as
    // long as a request's header may take), and a closing one gets this long to exchange
    // close_notify before its socket is closed anyway.
    std::chrono::seconds tls_handshake_timeout{10};
    std::chrono::seconds tls_shutdown_timeout{2};
};

struct server_config {
    std::string address = "0.0.0.0";
    unsigned short port = 8080;
    std::string data_dir = "./data";
    std::string web_root;   // folder with the browser clients
    std::string schema_dir; // folder with the JSON Schemas
    unsigned threads = 0;   // io threads; 0 = one per core
    unsigned workers = 4;   // threads for blocking REST handlers (SQLite reads, password hashing)
    unsigned room_threads = 1; // threads for the rooms (every clinic's strand and its timers)
    std::string public_url;    // e.g. https://asamblea.example.mx; empty: from the Host header
    // TLS where no proxy ends it (http/tls_context): a PEM certificate chain and its private key,
    // both or neither. With them every connection on the port speaks HTTPS and WSS only.
    std::string tls_cert;
    std::string tls_key;
    // The addresses phones use when no public URL is set and a request came to a loopback name
    // (domain/net/link_origin); nullopt: the machine's own, found at start (http/lan_addresses).
    std::optional<std::vector<std::string>> lan_addresses;
    std::size_t readers = 8; // read-only SQLite connections (rooms and workers share them)
    // The writer's group commit (store/writer.hpp); no flag: tests wait longer to make batches.
    store::writer::options writes{};
    // Closing a round waits at most this long for votes still in flight from connected phones
    // (domain/close_grace; 0 to 30 s).
    std::chrono::milliseconds close_grace = domain::default_close_grace;
    // Voters' phones get a change that is only counted ballots at most this often (plus a random
    // delay up to half as much again), as a small progress message (`--voter-progress-ms`, 100 ms
    // to 60 s; the default 30 s; tests use less). Other changes reach them with the room's next
    // push.
    std::chrono::milliseconds voter_progress{30000};
    // New ballots past these bounds (the writer's queue, a room's ballots on their way to the
    // store) are answered «busy» with retry_after_ms at once, and written nowhere
    // (domain/ballot_shedding; `--shed-writer-queue`, `--shed-room-backlog`; 0: off).
    domain::shed_bounds shed{};
    // A clinic's room that nobody has used for this long (no WebSocket, request, vote in flight
    // or timer) is unloaded and loaded again from the database on its next use; 0: never.
    std::chrono::milliseconds room_idle{10 * 60 * 1000};
    // A CLUES not known yet is looked up in the database again (clinics imported while the
    // server runs): a burst of 100 looks, then at most one per this; unknown clinics get 404 and
    // no room (rooms/clinic_directory).
    std::chrono::milliseconds clinic_recheck{100};
    // Behind HAProxy with several shards (`--shards FILE --shard NAME`): the map, and which of
    // its shards this server is. A clinic the map gives to another shard is answered 421 with
    // that shard's name on every path that names it; nullopt: every clinic here is served.
    std::optional<domain::shard_map> shards;
    std::string shard = {};
    // The fleet key (`--fleet-key FILE`, 32 bytes made by `asamblea fleet-key`), the same file on
    // every shard of the map: shards stamp what they ask each other with it (server/fleet).
    std::string fleet_key = {};
    // How often a shard of a fleet pulls each other shard's revoked tokens (logouts, disabled
    // logins): a revocation reaches every reachable shard within about this (100 ms to 60 s).
    std::chrono::milliseconds revocation_interval{2000};
    // Proxies (`--trusted-proxy`, addresses or CIDRs) whose X-Forwarded-For names the client for
    // the guessing budgets (login, codes): its last address, from these peers only
    // (domain/net/trusted_proxy). Connection caps stay on the peer address, the proxy's.
    std::vector<domain::address_block> trusted_proxies = {};
    server_limits limits;
    ws_limits ws;
    // REST requests that may wait for a free worker; past them a request is answered 503 with
    // Retry-After at once instead of waiting behind the queue (static files, /healthz and
    // /metrics are never queued).
    std::size_t rest_queue = 256;
    // Logins and committee claims run on a pool of their own, so argon2id never holds a REST
    // worker: its threads (each hashing takes argon2id's memory cost, 64 MiB, while it runs)
    // and how many more may wait for one before the next gets 503 with Retry-After.
    unsigned password_threads = 1;
    std::size_t password_queue = 8;
    // Password and voter-code guessing budgets (docs/security.md «Guessing passwords and codes»).
    domain::login_throttle::options login_throttle{};
    domain::code_throttle::options code_throttle{};
};

/// The web/ and schemas/ folders of the source tree this binary was built from.
std::string default_web_root();
std::string default_schema_dir();

} // namespace asamblea::server
