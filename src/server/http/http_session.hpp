#pragma once
/// One keep-alive HTTP connection: reads requests under limits and time-outs, dispatches them,
/// writes responses. API handlers run on the worker pool; everything else inline on the strand.
/// An evidence upload streams its body to disk in pieces under its own limits instead.
/// A template on the stream (http/stream_types): plain_stream or tls_stream over it (TLS, which
/// first completes its handshake and ends with close_notify); defined in http_session.cpp and
/// instantiated there for those two. start_http_session picks one per connection.

#include "domain/error.hpp"
#include "server/http/connection_limits.hpp"
#include "server/http/http_types.hpp"
#include "server/http/stream_types.hpp"
#include "server/server_core.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <memory>
#include <optional>
#include <string>
#include <type_traits>

namespace asamblea::server {

class upload_intake;

/// Starts the session of an admitted connection on its own strand: over TLS when the server has
/// a certificate (server_core::tls), else plain. `remote` is the client's address, read at accept.
void start_http_session(tcp_socket&& socket, server_core& core, connection_slot slot,
                        std::string remote);

template <class Stream>
class http_session : public std::enable_shared_from_this<http_session<Stream>> {
public:
    /// `slot` is the connection's place under the caps; it moves on to a WebSocket upgrade.
    http_session(Stream&& stream, server_core& core, connection_slot slot, std::string remote);
    ~http_session();
    void run();

private:
    static constexpr bool tls = !std::is_same_v<Stream, plain_stream>;
    void on_handshake(boost::beast::error_code ec);
    void do_read();
    void read_header();
    // What one read takes of a keep-alive connection's next request before its header timer runs.
    static constexpr std::size_t keep_alive_first_read = 4096;
    void on_header(boost::beast::error_code ec);
    void on_body(boost::beast::error_code ec);
    void fail_request(boost::beast::error_code ec);
    void dispatch(request req, bool keep_alive);
    void upgrade(boost::beast::http::request<boost::beast::http::string_body> msg);
    void send(response res, bool keep_alive, const std::string& route);
    void on_write(bool keep_alive, boost::beast::error_code ec);
    void close();

    // The streamed upload route (http/upload_route): authorize, then body pieces to disk.
    void start_upload(std::string clues);
    void on_upload_allowed(domain::result<upload_intake> intake, bool expect_continue);
    void read_upload();
    void on_upload_read(boost::beast::error_code ec);
    void finish_upload();
    void refuse_upload(response res);
    void linger_then_close();

    // Declared first, so the place is given back only after the socket has closed.
    connection_slot slot_;
    Stream stream_;
    boost::beast::flat_buffer buffer_;
    server_core& core_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    boost::beast::http::response<boost::beast::http::string_body> res_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::buffer_body>>
        upload_parser_;
    std::unique_ptr<upload_intake> upload_;
    std::unique_ptr<char[]> upload_piece_; // the buffer each piece of an upload is read into
    bool upload_keep_alive_ = false;
    bool linger_ = false; // a refused body may still be arriving: read it a moment before closing
    std::string remote_;
    bool first_request_ = true;
    bool head_request_ = false;
    bool handshake_done_ = false; // TLS: a close sends close_notify only after a handshake
};

} // namespace asamblea::server
