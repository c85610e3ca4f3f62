#include "cli/commands.hpp"
#include "cli/shard_file.hpp"
#include "server/web_server.hpp"

#include <csignal>
#include <iostream>
#include <pthread.h>
#include <sys/resource.h>

namespace asamblea::cli {

namespace {

// Every socket is a descriptor: the soft limit (often 1,024) goes up to the hard limit, and the
// limit the server will live with is returned.
std::uint64_t raise_descriptor_limit() {
    rlimit r{};
    if (::getrlimit(RLIMIT_NOFILE, &r) != 0)
        return 1024; // the usual soft limit, should the question ever fail
    if (r.rlim_cur < r.rlim_max) {
        rlimit raised = r;
        raised.rlim_cur = r.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0)
            r = raised;
    }
    return r.rlim_cur == RLIM_INFINITY ? std::uint64_t{1} << 20 : r.rlim_cur;
}

} // namespace

void add_serve_command(CLI::App& app) {
    auto config = std::make_shared<server::server_config>();
    auto* sub = app.add_subcommand("serve", "Serve the web clients, the API and WebSockets");
    add_data_option(*sub, config->data_dir);
    sub->add_option("--port", config->port, "TCP port (0 picks a free one)")
        ->envname("ASAMBLEA_PORT")
        ->capture_default_str();
    sub->add_option("--address", config->address, "Address to listen on")
        ->envname("ASAMBLEA_ADDRESS")
        ->capture_default_str();
    sub->add_option("--web", config->web_root, "Folder with the browser clients")
        ->envname("ASAMBLEA_WEB");
    sub->add_option("--schemas", config->schema_dir, "Folder with the JSON Schemas")
        ->envname("ASAMBLEA_SCHEMAS");
    config->writes.preallocate_log = true;
    sub->add_flag("--preallocate-log,!--no-preallocate-log", config->writes.preallocate_log,
                  "Give the write-ahead log its full length (about 120 MiB of zeros) at start, "
                  "so that its first lap does not append (default; 0 in the variable: no)")
        ->envname("ASAMBLEA_PREALLOCATE_LOG");
    sub->add_option("--public-url", config->public_url,
                    "Origin phones use, for links in QR codes (default: the request's Host)")
        ->envname("ASAMBLEA_PUBLIC_URL");
    auto shards = std::make_shared<shard_choice>();
    add_shard_options(*sub, *shards);
    sub->add_option("--fleet-key", config->fleet_key,
                    "Key file shared by every shard of the map (made once by `asamblea "
                    "fleet-key`): shards sign what they ask each other with it")
        ->envname("ASAMBLEA_FLEET_KEY")
        ->check(CLI::ExistingFile)
        ->needs("--shards");
    sub->add_option_function<unsigned>(
           "--revocation-interval-ms",
           [config](unsigned ms) { config->revocation_interval = std::chrono::milliseconds(ms); },
           "Milliseconds between pulls of each other shard's revoked tokens (a logout reaches "
           "every shard within about this)")
        ->envname("ASAMBLEA_REVOCATION_INTERVAL_MS")
        ->default_str(std::to_string(config->revocation_interval.count()))
        ->check(CLI::Range(100U, 60000U))
        ->needs("--fleet-key");
    sub->add_option("--tls-cert", config->tls_cert,
                    "PEM certificate chain: serve HTTPS and WSS only (with --tls-key), where no "
                    "proxy ends TLS")
        ->envname("ASAMBLEA_TLS_CERT");
    sub->add_option("--tls-key", config->tls_key, "PEM private key of --tls-cert")
        ->envname("ASAMBLEA_TLS_KEY");
    sub->add_option_function<std::string>(
           "--lan-address",
           [config](const std::string& a) { config->lan_addresses = std::vector<std::string>{a}; },
           "Address phones on the network reach this machine at, for links when a request came "
           "to localhost and no --public-url is set (default: the machine's own, found at start)")
        ->envname("ASAMBLEA_LAN_ADDRESS");
    sub->add_option("--threads", config->threads, "I/O threads (0 = one per core)")
        ->envname("ASAMBLEA_THREADS");
    sub->add_option("--workers", config->workers, "Threads for blocking API handlers")
        ->envname("ASAMBLEA_WORKERS")
        ->capture_default_str();
    sub->add_option("--rest-queue", config->rest_queue,
                    "API requests that may wait for a worker; past them 503 with Retry-After")
        ->envname("ASAMBLEA_REST_QUEUE")
        ->capture_default_str();
    sub->add_option("--password-threads", config->password_threads,
                    "Threads that hash passwords for logins (argon2id: 64 MiB each while hashing)")
        ->envname("ASAMBLEA_PASSWORD_THREADS")
        ->capture_default_str()
        ->check(CLI::Range(1U, 64U));
    sub->add_option("--password-queue", config->password_queue,
                    "Logins that may wait for a password thread; past them 503 with Retry-After")
        ->envname("ASAMBLEA_PASSWORD_QUEUE")
        ->capture_default_str();
    sub->add_option("--room-threads", config->room_threads,
                    "Threads for the rooms (every clinic's assembly state and pushes)")
        ->envname("ASAMBLEA_ROOM_THREADS")
        ->capture_default_str();
    sub->add_option("--max-body", config->limits.body_bytes, "Largest request body in bytes")
        ->capture_default_str();
    sub->add_option("--max-upload", config->limits.upload_bytes,
                    "Largest evidence file in bytes (uploads stream to disk)")
        ->capture_default_str();
    sub->add_option_function<unsigned>(
           "--upload-idle",
           [config](unsigned s) { config->limits.upload_idle_timeout = std::chrono::seconds(s); },
           "Seconds an upload may wait for its next bytes before it is cut")
        ->default_str(std::to_string(config->limits.upload_idle_timeout.count()))
        ->check(CLI::Range(1U, 3600U));
    sub->add_option_function<unsigned>(
           "--close-grace", [config](unsigned s) { config->close_grace = std::chrono::seconds(s); },
           "Seconds closing a round waits for votes still in flight from connected phones")
        ->default_str(std::to_string(
            std::chrono::duration_cast<std::chrono::seconds>(config->close_grace).count()))
        ->check(CLI::Range(0U, static_cast<unsigned>(domain::max_close_grace.count())));
    sub->add_option_function<unsigned>(
           "--voter-progress-ms",
           [config](unsigned ms) { config->voter_progress = std::chrono::milliseconds(ms); },
           "Milliseconds between the progress messages (counted ballots) voters' phones get "
           "while only ballots change (plus a random delay up to half as much again)")
        ->default_str(std::to_string(config->voter_progress.count()))
        ->check(CLI::Range(100U, 60'000U));
    sub->add_option("--shed-writer-queue", config->shed.writer_queue,
                    "Commands waiting for the writer past which a new ballot is answered busy "
                    "(retry) at once instead of queueing (0: off)")
        ->envname("ASAMBLEA_SHED_WRITER_QUEUE")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{0}, std::size_t{200'000}));
    sub->add_option("--shed-room-backlog", config->shed.room_backlog,
                    "A clinic's ballots on their way to the store past which its next new ballot "
                    "is answered busy (retry) at once (0: off)")
        ->envname("ASAMBLEA_SHED_ROOM_BACKLOG")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{0}, std::size_t{200'000}));
    sub->add_option("--max-connections", config->limits.max_connections,
                    "Connections (HTTP and WebSocket) held at once; more get 503 and are closed "
                    "(default: the descriptor limit less a reserve, printed at start)")
        ->envname("ASAMBLEA_MAX_CONNECTIONS")
        ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}));
    sub->add_option("--max-connections-per-address", config->limits.max_connections_per_address,
                    "Connections one client address (IPv6: one /64) holds at once; more get 503 "
                    "and are closed (0: only the total cap)")
        ->envname("ASAMBLEA_MAX_CONNECTIONS_PER_ADDRESS")
        ->capture_default_str();
    sub->add_option_function<std::string>(
           "--trusted-proxy",
           [config](const std::string& text) {
               auto parsed = domain::parse_trusted_proxies(text);
               if (!parsed)
                   throw CLI::ValidationError("--trusted-proxy", parsed.error().message);
               config->trusted_proxies = std::move(*parsed);
           },
           "Proxies (addresses or CIDRs, comma-separated) whose X-Forwarded-For names the client "
           "for the login and code budgets; the header of anyone else is ignored")
        ->envname("ASAMBLEA_TRUSTED_PROXY");
    // Guessing budgets: failures an hour (the bucket holds that many at once and refills over the
    // hour). Behind a proxy or a carrier's NAT many people share an address, hence the knobs.
    auto add_budget = [sub](const char* flag, domain::token_rule& rule, const char* env,
                            const char* help) {
        sub->add_option_function<unsigned>(
               flag,
               [&rule](unsigned n) {
                   rule = {static_cast<double>(n), std::chrono::hours{1}};
               },
               help)
            ->envname(env)
            ->default_str(std::to_string(static_cast<unsigned>(rule.capacity)))
            ->check(CLI::Range(1U, 10'000'000U));
    };
    add_budget("--login-account-budget", config->login_throttle.account,
               "ASAMBLEA_LOGIN_ACCOUNT_BUDGET",
               "Wrong passwords an hour for one account from addresses it never logged in from");
    add_budget("--login-address-budget", config->login_throttle.address,
               "ASAMBLEA_LOGIN_ADDRESS_BUDGET",
               "Wrong passwords an hour from one address, any account");
    add_budget("--code-address-budget", config->code_throttle.address,
               "ASAMBLEA_CODE_ADDRESS_BUDGET",
               "Unknown voter codes an hour from one address for one clinic");
    add_budget("--code-clinic-budget", config->code_throttle.clinic, "ASAMBLEA_CODE_CLINIC_BUDGET",
               "Unknown voter codes an hour for one clinic from every address");
    sub->add_option_function<unsigned>(
           "--room-idle", [config](unsigned s) { config->room_idle = std::chrono::seconds(s); },
           "Seconds a clinic's room unused by anyone stays in memory (0: always)")
        ->default_str(std::to_string(
            std::chrono::duration_cast<std::chrono::seconds>(config->room_idle).count()))
        ->check(CLI::Range(0U, 86400U));
    sub->callback([config, shards] {
        config->shards = read_shard_map(*shards);
        config->shard = shards->name;
        // Block the stop signals in every thread; this one waits for them synchronously.
        sigset_t signals;
        sigemptyset(&signals);
        sigaddset(&signals, SIGINT);
        sigaddset(&signals, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &signals, nullptr);

        const auto descriptors = raise_descriptor_limit();
        const auto budget = domain::default_max_connections(descriptors);
        if (config->limits.max_connections == 0)
            config->limits.max_connections = budget;
        std::cout << "asamblea: " << descriptors << " descriptors; at most "
                  << config->limits.max_connections << " connections";
        if (config->limits.max_connections_per_address > 0)
            std::cout << ", " << config->limits.max_connections_per_address << " per address";
        std::cout << std::endl;
        if (config->limits.max_connections > budget)
            std::cerr << "asamblea: --max-connections " << config->limits.max_connections
                      << " is more than " << descriptors << " descriptors allow (" << budget
                      << "); accepting pauses whenever they run out" << std::endl;

        server::web_server srv(*config);
        auto port = srv.start();
        std::string shown = config->address == "0.0.0.0" ? "127.0.0.1" : config->address;
        const bool tls = !config->tls_cert.empty();
        std::cout << "asamblea listening on " << (tls ? "https://" : "http://") << shown << ":"
                  << port;
        if (config->shards)
            std::cout << " as shard " << config->shard << " of " << shards->file;
        std::cout << std::endl;
        int sig = 0;
        sigwait(&signals, &sig);
        std::cout << "asamblea: stopping (" << (sig == SIGINT ? "SIGINT" : "SIGTERM") << ")"
                  << std::endl;
        srv.stop();
        srv.wait();
        std::cout << "asamblea: stopped" << std::endl;
    });
}

} // namespace asamblea::cli
