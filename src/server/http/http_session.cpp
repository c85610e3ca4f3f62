#include "server/http/http_session.hpp"

#include "domain/clinic.hpp"
#include "domain/net/trusted_proxy.hpp"
#include "server/api/upload_intake.hpp"
#include "server/http/error_response.hpp"
#include "server/http/upload_route.hpp"
#include "server/ws/ws_protocol.hpp"
#include "server/ws/ws_session.hpp"

#include <nlohmann/json.hpp>

#include <boost/asio/dispatch.hpp>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <cctype>

namespace asamblea::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

constexpr const char* content_security_policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

// Only letters, digits, dots, dashes, colons and brackets: it may end up inside a QR code's URL.
std::string plain_host(std::string_view host) {
    if (host.empty() || host.size() > 255)
        return {};
    for (char c : host)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != ':' &&
            c != '[' && c != ']')
            return {};
    return std::string(host);
}

response simple_error(domain::error_kind kind, const char* code, const char* message) {
    return error_response(domain::error{kind, code, message, "", 0});
}

// Every X-Forwarded-For line, joined as one (RFC 9110: repeated fields are one list). HAProxy's
// `option forwardfor` adds its own line after any the client sent, so the last entry is the
// proxy's; the first line alone would be the client's own, possibly forged.
template <class Fields> std::string forwarded_for_lines(const Fields& fields) {
    std::string joined;
    auto [first, last] = fields.equal_range("X-Forwarded-For");
    for (auto it = first; it != last; ++it) {
        if (!joined.empty())
            joined += ", ";
        joined += std::string_view(it->value());
    }
    return joined;
}

// Past the REST queue bound: answered at once, the client tries again a moment later.
domain::error rest_workers_busy() {
    return {domain::error_kind::unavailable, "busy",
            "El servidor está muy ocupado. Intente de nuevo en un momento.", "", 1};
}

// Past the password queue bound (logins and committee claims).
domain::error password_pool_busy() {
    return {domain::error_kind::unavailable, "busy",
            "Hay muchos inicios de sesión a la vez. Intente de nuevo en unos segundos.", "", 1};
}

// Each piece of an upload is read into a buffer of this size, then written to its file.
constexpr std::size_t upload_piece_bytes = 64 * 1024;

// After refusing an upload whose body is still arriving, its bytes are read and dropped for at
// most this long, so the refusal reaches the client instead of being lost to a TCP reset.
constexpr std::chrono::seconds upload_linger{2};

// Sent when the client asked (Expect: 100-continue) and the upload is allowed.
constexpr std::string_view continue_line = "HTTP/1.1 100 Continue\r\n\r\n";

} // namespace

void start_http_session(tcp_socket&& socket, server_core& core, connection_slot slot,
                        std::string remote) {
    // Every write is a whole answer or WebSocket message, so Nagle only delays: TLS 1.3 sends
    // its session tickets after the handshake, and the answer to the first request followed
    // that unacknowledged write after the client's delayed ACK, 40 ms per new connection (22
    // instead of hundreds a second); a phone's ack could wait the same way behind a snapshot.
    beast::error_code nodelay_ec;
    socket.set_option(asio::ip::tcp::no_delay(true), nodelay_ec);
    if (core.tls) {
        std::make_shared<http_session<tls_stream>>(tls_stream(std::move(socket), *core.tls), core,
                                                   std::move(slot), std::move(remote))
            ->run();
        return;
    }
    std::make_shared<http_session<plain_stream>>(plain_stream(std::move(socket)), core,
                                                 std::move(slot), std::move(remote))
        ->run();
}

template <class Stream>
http_session<Stream>::http_session(Stream&& stream, server_core& core, connection_slot slot,
                                   std::string remote)
    : slot_(std::move(slot)), stream_(std::move(stream)), core_(core), remote_(std::move(remote)) {
    ++core_.metrics.connections_open;
    ++core_.metrics.connections_total;
}

template <class Stream> http_session<Stream>::~http_session() {
    --core_.metrics.connections_open;
}

template <class Stream> void http_session<Stream>::run() {
    asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
        if constexpr (tls) {
            // The connection keeps its place under the caps while it shakes hands; one that
            // never finishes is cut at the time-out like a header that never arrives.
            auto& limits = self->core_.config.limits;
            beast::get_lowest_layer(self->stream_).expires_after(limits.tls_handshake_timeout);
            self->stream_.async_handshake(asio::ssl::stream_base::server,
                                          [self](beast::error_code ec) { self->on_handshake(ec); });
        } else {
            self->do_read();
        }
    });
}

template <class Stream> void http_session<Stream>::on_handshake(beast::error_code ec) {
    if (ec) {
        // Plain HTTP on the TLS port, an old protocol, a scanner, a time-out: nothing to answer
        // that the client could read, so the socket just closes.
        ++core_.metrics.tls_handshake_failures;
        beast::get_lowest_layer(stream_).close();
        return;
    }
    handshake_done_ = true;
    do_read();
}

template <class Stream> void http_session<Stream>::do_read() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(core_.config.limits.header_bytes));
    // The body's limit depends on the route, known only once the header is in (on_header).
    parser_->body_limit(boost::none);
    if (first_request_ || buffer_.size() > 0)
        return read_header(); // a new connection, or a pipelined request already here
    // Keep-alive: the next request may take idle_timeout to begin, but once its first bytes are
    // in, its header gets header_timeout like any other (a header trickled a byte at a time
    // must not hold the connection for the whole idle time).
    beast::get_lowest_layer(stream_).expires_after(core_.config.limits.idle_timeout);
    stream_.async_read_some(buffer_.prepare(keep_alive_first_read),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                                if (ec)
                                    return self->on_header(ec);
                                self->buffer_.commit(n);
                                self->read_header();
                            });
}

template <class Stream> void http_session<Stream>::read_header() {
    beast::get_lowest_layer(stream_).expires_after(core_.config.limits.header_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                                self->on_header(ec);
                            });
}

template <class Stream> void http_session<Stream>::on_header(beast::error_code ec) {
    if (ec)
        return fail_request(ec);
    first_request_ = false;
    const auto& header = parser_->get();
    if (auto clues = upload_route_clues(header.method_string(), header.target()))
        return start_upload(std::move(*clues));
    const auto limit = core_.config.limits.body_bytes;
    if (auto length = parser_->content_length(); length && *length > limit)
        return fail_request(http::error::body_limit);
    parser_->body_limit(limit); // a chunked body is counted as it arrives
    beast::get_lowest_layer(stream_).expires_after(core_.config.limits.request_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                         self->on_body(ec);
                     });
}

template <class Stream> void http_session<Stream>::fail_request(beast::error_code ec) {
    if (ec == http::error::body_limit)
        return send(simple_error(domain::error_kind::too_large, "body_too_large",
                                 "La solicitud es demasiado grande."),
                    false, "limit");
    if (ec == http::error::header_limit) {
        return send(simple_error(domain::error_kind::headers_too_large, "header_too_large",
                                 "Los encabezados de la solicitud son demasiado grandes."),
                    false, "limit");
    }
    if (ec.category() == http::make_error_code(http::error::end_of_stream).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message)
        return send(simple_error(domain::error_kind::invalid, "bad_request",
                                 "La solicitud HTTP no es válida."),
                    false, "bad_request");
    // end of stream, time-out, reset: nothing useful to answer.
    close();
}

template <class Stream> void http_session<Stream>::on_body(beast::error_code ec) {
    if (ec)
        return fail_request(ec);
    auto msg = parser_->release();
    if (beast::websocket::is_upgrade(msg))
        return upgrade(std::move(msg));
    request req;
    req.method = std::string(msg.method_string());
    std::string_view target = msg.target();
    auto qmark = target.find('?');
    if (!url_decode(target.substr(0, qmark), req.path, false) || req.path.empty() ||
        req.path.front() != '/') {
        return send(simple_error(domain::error_kind::invalid, "bad_path",
                                 "La dirección solicitada no es válida."),
                    false, "bad_request");
    }
    if (qmark != std::string_view::npos)
        req.query = std::string(target.substr(qmark + 1));
    req.body = std::move(msg.body());
    req.authorization = std::string(msg[http::field::authorization]);
    req.accept = std::string(msg[http::field::accept]);
    req.if_none_match = std::string(msg[http::field::if_none_match]);
    req.accept_encoding = std::string(msg[http::field::accept_encoding]);
    req.fleet_stamp = std::string(msg["X-Asamblea-Fleet"]);
    req.remote =
        domain::client_address(remote_, forwarded_for_lines(msg), core_.config.trusted_proxies);
    req.host = plain_host(msg[http::field::host]);
    dispatch(std::move(req), msg.keep_alive() && !core_.stopping);
}

template <class Stream> void http_session<Stream>::upgrade(http::request<http::string_body> msg) {
    // Only /ws/c/{clues} speaks WebSocket; the path itself names the clinic (for sharding).
    std::string_view target = msg.target();
    constexpr std::string_view prefix = "/ws/c/";
    std::optional<std::string> clues;
    if (target.starts_with(prefix))
        clues =
            domain::normalize_clues(target.substr(prefix.size(), target.find('?') - prefix.size()));
    domain::status here = domain::fail(domain::error_kind::not_found, "not_found",
                                       "No existe esa dirección de WebSocket.");
    if (clues && !core_.stopping && core_.protocol)
        here = core_.protocol->clinic_here(*clues);
    if (!here) {
        head_request_ = false;
        return send(error_response(here.error()), false, "ws");
    }
    core_.metrics.count_request("GET /ws/c/{clues}", 101);
    auto remote =
        domain::client_address(remote_, forwarded_for_lines(msg), core_.config.trusted_proxies);
    if constexpr (tls) {
        std::make_shared<ws_session<Stream>>(std::move(stream_), core_, std::move(*clues),
                                             std::move(slot_), std::move(remote))
            ->run(std::move(msg));
    } else {
        // Plain: the WebSocket takes the bare socket; its own time-outs replace the stream's
        // timers, which would otherwise stay allocated for each idle phone.
        std::make_shared<ws_session<tcp_socket>>(stream_.release_socket(), core_, std::move(*clues),
                                                 std::move(slot_), std::move(remote))
            ->run(std::move(msg));
    }
}

template <class Stream> void http_session<Stream>::dispatch(request req, bool keep_alive) {
    head_request_ = req.method == "HEAD";
    if (req.path == "/healthz") {
        nlohmann::json health = {{"status", core_.stopping ? "stopping" : "ok"}};
        return send(json_response(health, core_.stopping ? 503 : 200), keep_alive, "/healthz");
    }
    if (req.path == "/metrics") {
        response res;
        res.content_type = "text/plain; version=0.0.4; charset=utf-8";
        res.body = core_.metrics.render();
        return send(std::move(res), keep_alive, "/metrics");
    }
    if (req.path.starts_with("/api/")) {
        auto m = core_.router.find(req.method, req.path);
        if (!m.h) {
            auto res = m.path_known
                           ? simple_error(domain::error_kind::not_allowed, "method_not_allowed",
                                          "Ese método no se permite aquí.")
                           : simple_error(domain::error_kind::not_found, "not_found",
                                          "No existe esa dirección de la API.");
            return send(std::move(res), keep_alive, m.path_known ? "method" : "unknown");
        }
        req.params = std::move(m.params);
        req.route = m.name;
        // Handlers may block (SQLite, waiting on a commit): run them off the io threads, on the
        // REST workers; those that hash a password (argon2id) on the password pool, so logins
        // never hold the workers. Either takes a place in its bounded queue or is answered busy
        // at once (server_config::rest_queue, password_queue).
        const bool passwords = m.pool == route_pool::passwords && core_.passwords;
        auto& admission = passwords ? core_.password_queue : core_.rest_queue;
        if (!admission.try_enter())
            return send(error_response(passwords ? password_pool_busy() : rest_workers_busy()),
                        keep_alive, req.route);
        ++core_.metrics.requests_in_flight;
        auto job = [self = this->shared_from_this(), h = m.h, req = std::move(req), keep_alive,
                    &admission]() mutable {
            admission.started();
            response res;
            try {
                res = (*h)(req);
            } catch (const std::exception& e) {
                res =
                    error_response({domain::error_kind::internal, "internal",
                                    "Ocurrió un error inesperado. Intente de nuevo.", e.what(), 0});
            }
            admission.finished();
            asio::post(self->stream_.get_executor(),
                       [self, res = std::move(res), keep_alive, route = req.route]() mutable {
                           --self->core_.metrics.requests_in_flight;
                           self->send(std::move(res), keep_alive, route);
                       });
        };
        if (passwords)
            asio::post(*core_.passwords, std::move(job));
        else
            asio::post(core_.workers, std::move(job));
        return;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return send(simple_error(domain::error_kind::not_allowed, "method_not_allowed",
                                 "Ese método no se permite aquí."),
                    keep_alive, "static");
    }
    // A clinic's page from another shard's clinic is that shard's (421, as its API would say);
    // an unknown clinic still gets the page, which says so from the API. Without a shard map no
    // page is another's, and a made-up CLUES costs no look in the clinic directory.
    if (core_.config.shards && req.path.starts_with("/c/") && core_.protocol) {
        auto rest = std::string_view(req.path).substr(3);
        if (auto clues = domain::normalize_clues(rest.substr(0, rest.find('/'))))
            if (auto here = core_.protocol->clinic_here(*clues);
                !here && here.error().kind == domain::error_kind::misdirected)
                return send(error_response(here.error()), keep_alive, "wrong_shard");
    }
    auto res = core_.files.serve(req);
    send(std::move(res), keep_alive, res.status == 404 ? "not_found" : "static");
}

template <class Stream>
void http_session<Stream>::send(response res, bool keep_alive, const std::string& route) {
    core_.metrics.count_request(route, res.status);
    res_ = {};
    res_.version(11);
    res_.result(res.status);
    res_.keep_alive(keep_alive && !core_.stopping);
    res_.set(http::field::server, "asamblea");
    if (res.status != 304)
        res_.set(http::field::content_type, res.content_type);
    res_.set("Content-Security-Policy", content_security_policy);
    res_.set("X-Content-Type-Options", "nosniff");
    res_.set("X-Frame-Options", "DENY");
    res_.set("Referrer-Policy", "no-referrer");
    // The committee's photos may carry where they were taken, when the person allows it (the
    // browser still asks); no page uses the microphone.
    res_.set("Permissions-Policy", "camera=(self), microphone=(), geolocation=(self)");
    if constexpr (tls) // browsers that came once over HTTPS never try plain HTTP for a year
        res_.set(http::field::strict_transport_security, "max-age=31536000");
    for (auto& [name, value] : res.headers)
        res_.set(name, value);
    std::size_t length = res.body.size();
    if (!head_request_)
        res_.body() = std::move(res.body);
    res_.prepare_payload();
    if (head_request_)
        res_.content_length(length);
    bool again = res_.keep_alive();
    beast::get_lowest_layer(stream_).expires_after(core_.config.limits.request_timeout);
    http::async_write(stream_, res_,
                      [self = this->shared_from_this(), again](beast::error_code ec, std::size_t) {
                          self->on_write(again, ec);
                      });
}

template <class Stream> void http_session<Stream>::on_write(bool keep_alive, beast::error_code ec) {
    if (ec || !keep_alive)
        return close();
    do_read();
}

template <class Stream> void http_session<Stream>::close() {
    if (linger_)
        return linger_then_close();
    if constexpr (tls) {
        if (handshake_done_) {
            // close_notify, so the client knows the answer is whole; a client that never answers
            // it, or is gone (stream_truncated, a reset), does not hold the socket past the
            // time-out.
            handshake_done_ = false;
            beast::get_lowest_layer(stream_).expires_after(
                core_.config.limits.tls_shutdown_timeout);
            stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {
                beast::get_lowest_layer(self->stream_).close();
            });
            return;
        }
    }
    beast::error_code ec;
    beast::get_lowest_layer(stream_).socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    beast::get_lowest_layer(stream_).close();
}

// ---- the streamed upload route ----

template <class Stream> void http_session<Stream>::start_upload(std::string clues) {
    head_request_ = false;
    const auto& header = parser_->get();
    upload_keep_alive_ = header.keep_alive();
    const bool expect_continue = beast::iequals(header[http::field::expect], "100-continue");
    request req;
    req.method = "POST";
    req.path = "/api/c/" + clues + "/files";
    req.params["clues"] = std::move(clues);
    req.authorization = std::string(header[http::field::authorization]);
    req.remote =
        domain::client_address(remote_, forwarded_for_lines(header), core_.config.trusted_proxies);
    req.host = plain_host(header[http::field::host]);
    req.route = std::string(upload_route_name);
    // Converted while no byte of the body is parsed; buffer_ keeps what came with the header.
    // The upload counts its own bytes (upload_intake::write), so the parser has no body limit.
    upload_parser_.emplace(std::move(*parser_));
    parser_.reset();
    upload_parser_->body_limit(boost::none);
    if (!upload_piece_)
        upload_piece_ = std::make_unique<char[]>(upload_piece_bytes);
    if (!core_.api)
        return refuse_upload(simple_error(domain::error_kind::unavailable, "unavailable",
                                          "El servidor no recibe archivos ahora."));
    // Who may upload is decided before any byte of the body is read; it reads the database, so
    // it runs on the worker pool like any handler.
    if (!core_.rest_queue.try_enter())
        return refuse_upload(error_response(rest_workers_busy()));
    beast::get_lowest_layer(stream_).expires_after(core_.config.limits.request_timeout);
    ++core_.metrics.requests_in_flight;
    asio::post(
        core_.workers, [self = this->shared_from_this(), req = std::move(req), expect_continue] {
            self->core_.rest_queue.started();
            auto intake =
                upload_intake::open(*self->core_.api, req, self->core_.config.limits.upload_bytes);
            self->core_.rest_queue.finished();
            asio::post(self->stream_.get_executor(),
                       [self, intake = std::move(intake), expect_continue]() mutable {
                           --self->core_.metrics.requests_in_flight;
                           self->on_upload_allowed(std::move(intake), expect_continue);
                       });
        });
}

template <class Stream>
void http_session<Stream>::on_upload_allowed(domain::result<upload_intake> intake,
                                             bool expect_continue) {
    if (!intake)
        return refuse_upload(error_response(intake.error()));
    upload_ = std::make_unique<upload_intake>(std::move(*intake));
    if (auto length = upload_parser_->content_length()) {
        if (auto fits = upload_->check_declared_size(*length); !fits)
            return refuse_upload(error_response(fits.error()));
    }
    if (!expect_continue || upload_parser_->is_done())
        return read_upload();
    beast::get_lowest_layer(stream_).expires_after(core_.config.limits.request_timeout);
    asio::async_write(stream_, asio::buffer(continue_line.data(), continue_line.size()),
                      [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                          if (ec)
                              return self->close();
                          self->read_upload();
                      });
}

template <class Stream> void http_session<Stream>::read_upload() {
    if (upload_parser_->is_done())
        return finish_upload();
    auto& body = upload_parser_->get().body();
    body.data = upload_piece_.get();
    body.size = upload_piece_bytes;
    // Reset before every piece: a slow phone may take minutes for the whole file, but it may
    // not stall for longer than this between pieces.
    beast::get_lowest_layer(stream_).expires_after(core_.config.limits.upload_idle_timeout);
    http::async_read_some(stream_, buffer_, *upload_parser_,
                          [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                              self->on_upload_read(ec);
                          });
}

template <class Stream> void http_session<Stream>::on_upload_read(beast::error_code ec) {
    if (ec == http::error::need_buffer) // the piece buffer is full; more follows
        ec = {};
    const std::size_t got = upload_piece_bytes - upload_parser_->get().body().size;
    if (got > 0)
        if (auto ok = upload_->write({upload_piece_.get(), got}); !ok)
            return refuse_upload(error_response(ok.error()));
    if (ec) {
        // Malformed framing gets an answer; a stall past the idle timeout, a reset or a client
        // gone gets none. Either way the temporary file goes with the intake.
        upload_.reset();
        if (ec.category() == http::make_error_code(http::error::end_of_stream).category() &&
            ec != http::error::end_of_stream && ec != http::error::partial_message)
            return refuse_upload(simple_error(domain::error_kind::invalid, "bad_request",
                                              "La solicitud HTTP no es válida."));
        upload_parser_.reset();
        return close();
    }
    read_upload();
}

template <class Stream> void http_session<Stream>::finish_upload() {
    const bool keep_alive = upload_keep_alive_ && !core_.stopping;
    upload_parser_.reset();
    // The commit syncs the file and its folder to disk: off the io thread.
    ++core_.metrics.requests_in_flight;
    core_.rest_queue.enter(); // the file is on disk: never refused now, but counted
    asio::post(core_.workers, [self = this->shared_from_this(), keep_alive] {
        self->core_.rest_queue.started();
        response res;
        try {
            res = self->upload_->finish();
        } catch (const std::exception& e) {
            res = error_response({domain::error_kind::internal, "internal",
                                  "Ocurrió un error inesperado. Intente de nuevo.", e.what(), 0});
        }
        self->core_.rest_queue.finished();
        asio::post(self->stream_.get_executor(),
                   [self, res = std::move(res), keep_alive]() mutable {
                       --self->core_.metrics.requests_in_flight;
                       self->upload_.reset();
                       self->send(std::move(res), keep_alive, std::string(upload_route_name));
                   });
    });
}

template <class Stream> void http_session<Stream>::refuse_upload(response res) {
    // Dropping the intake removes its temporary file before the answer goes out.
    upload_.reset();
    const bool body_read = upload_parser_ && upload_parser_->is_done();
    upload_parser_.reset();
    linger_ = !body_read;
    send(std::move(res), body_read && upload_keep_alive_ && !core_.stopping,
         std::string(upload_route_name));
}

template <class Stream> void http_session<Stream>::linger_then_close() {
    linger_ = false;
    beast::error_code ec;
    beast::get_lowest_layer(stream_).socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    // One deadline for the whole wait, not one per read: a client that keeps sending is cut.
    beast::get_lowest_layer(stream_).expires_after(upload_linger);
    struct drain {
        std::shared_ptr<http_session> self;
        void operator()(beast::error_code ec = {}, std::size_t = 0) {
            if (ec)
                return self->close();
            auto* s = self.get();
            s->stream_.async_read_some(asio::buffer(s->upload_piece_.get(), upload_piece_bytes),
                                       std::move(*this));
        }
    };
    drain{this->shared_from_this()}();
}

template class http_session<plain_stream>;
template class http_session<tls_stream>;

} // namespace asamblea::server
