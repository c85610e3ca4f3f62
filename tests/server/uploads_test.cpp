// Evidence uploads against the real server: POST /api/c/{clues}/files streams the raw body to
// evidence/ (type from the bytes, 10 MB cap, idle timeout), only for the clinic's committee and
// decided before the body is read; GET /api/c/{clues}/files/{sha256} serves it to staff.
#include "assembly_setup.hpp"
#include "committee_logins.hpp"
#include "http_client.hpp"
#include "test_server_fixture.hpp"

#include "domain/committee.hpp"
#include "domain/followup/file_kind.hpp"
#include "domain/round.hpp"
#include "store/assembly_repo.hpp"
#include "store/crypto.hpp"
#include "store/evidence_files.hpp"
#include "store/evidence_repo.hpp"
#include "store/member_repo.hpp"
#include "store/round_repo.hpp"
#include "store/user_repo.hpp"
#include "store/work_item_repo.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <optional>
#include <thread>
#include <tuple>

namespace fs = std::filesystem;
namespace asio = boost::asio;
namespace http = boost::beast::http;
using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace uploads_test {

namespace {

const std::string clinic = "CSIMB000001";
const std::string upload_path = "/api/c/" + clinic + "/files";

// Files are served only under a clinic whose follow-up records name them: a piece of evidence of
// one of its work items names each of these.
void name_in_records(running_server& s, const std::string& clues,
                     const std::vector<std::string>& shas) {
    using namespace asamblea;
    auto ok = s.srv->store().writer().run([&](store::write_context& ctx) -> domain::status {
        store::work_item_row work;
        work.clues = clues;
        work.edition = 2026;
        work.item.title = "Obra";
        work.item.approved = 100000;
        work.origin = "coordinacion";
        auto work_id = store::insert_work_item(ctx, work);
        for (const auto& sha : shas) {
            store::evidence_row e;
            e.work_id = work_id;
            e.kind = domain::evidence_kind::documento;
            e.file_sha256 = sha;
            e.mime = "application/octet-stream";
            store::insert_evidence(ctx, e);
        }
        return {};
    });
    REQUIRE(ok);
}

std::string jpeg_bytes(std::size_t size, char fill = 'j') {
    std::string bytes = "\xFF\xD8\xFF\xE0";
    bytes.append("\x00\x10JFIF\x00", 8);
    for (std::size_t i = bytes.size(); i < size; ++i)
        bytes.push_back(static_cast<char>(fill + i % 13));
    return bytes;
}

// Every file under evidence/, tmp/ included.
std::size_t evidence_files_on_disk(const running_server& s) {
    const auto root = s.dir.path / "evidence";
    std::size_t n = 0;
    std::error_code ec;
    if (!fs::exists(root, ec))
        return 0;
    for (const auto& e : fs::recursive_directory_iterator(root))
        n += e.is_regular_file() ? 1 : 0;
    return n;
}

// Polls (bounded, never timed) until nothing is left under evidence/tmp/; the server removes a
// cut upload's file just after it drops the connection.
std::size_t temp_files_eventually(const running_server& s) {
    const auto tmp = s.dir.path / "evidence" / "tmp";
    auto count = [&] {
        std::error_code ec;
        if (!fs::exists(tmp, ec))
            return std::size_t{0};
        return static_cast<std::size_t>(
            std::distance(fs::directory_iterator(tmp), fs::directory_iterator()));
    };
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (count() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return count();
}

/// A raw connection: the test decides when each byte of the request goes out, and a write the
/// server no longer reads does not end the test.
class raw_connection {
public:
    explicit raw_connection(unsigned short port) : socket_(ioc_) {
        socket_.connect({asio::ip::make_address("127.0.0.1"), port});
    }

    /// False when the server has closed or reset the connection.
    bool send(std::string_view bytes) {
        boost::system::error_code ec;
        asio::write(socket_, asio::buffer(bytes.data(), bytes.size()), ec);
        return !ec;
    }

    /// The next response, or none when the connection ends first.
    std::optional<http_reply> reply() {
        http::response_parser<http::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        boost::system::error_code ec;
        http::read(socket_, buffer_, parser, ec);
        if (ec)
            return std::nullopt;
        auto res = parser.release();
        http_reply r;
        r.status = res.result_int();
        r.body = res.body();
        r.keep_alive = res.keep_alive();
        for (const auto& f : res)
            r.headers[std::string(f.name_string())] = std::string(f.value());
        return r;
    }

    /// True when the server has closed the connection (read returns end of file or reset).
    bool closed_by_server() {
        char byte = 0;
        boost::system::error_code ec;
        socket_.read_some(asio::buffer(&byte, 1), ec);
        return ec == asio::error::eof || ec == asio::error::connection_reset;
    }

private:
    asio::io_context ioc_;
    asio::ip::tcp::socket socket_;
    boost::beast::flat_buffer buffer_;
};

std::string upload_header(const std::string& token, std::size_t length,
                          const std::string& extra = {}) {
    std::string h = "POST " + upload_path + " HTTP/1.1\r\nHost: localhost\r\n";
    if (!token.empty())
        h += "Authorization: Bearer " + token + "\r\n";
    h += "Content-Length: " + std::to_string(length) + "\r\n" + extra + "\r\n";
    return h;
}

std::string chunked(std::string_view bytes, std::size_t piece) {
    std::string out;
    char size[32];
    for (std::size_t at = 0; at < bytes.size(); at += piece) {
        auto part = bytes.substr(at, piece);
        std::snprintf(size, sizeof size, "%zx\r\n", part.size());
        out += size;
        out += part;
        out += "\r\n";
    }
    return out + "0\r\n\r\n";
}

// One whole upload on a connection of its own.
http_reply upload(unsigned short port, const std::string& token, const std::string& bytes,
                  const std::string& extra = {}) {
    raw_connection c(port);
    c.send(upload_header(token, bytes.size(), extra));
    c.send(bytes);
    auto r = c.reply();
    REQUIRE(r);
    return *r;
}

http_reply get(http_client& c, const std::string& path, const std::string& token,
               std::map<std::string, std::string> headers = {}) {
    if (!token.empty())
        headers["Authorization"] = "Bearer " + token;
    return c.request("GET", path, {}, headers);
}

} // namespace

TEST_CASE("uploads: the committee uploads a photo, staff read it back, the same bytes are kept "
          "once") {
    running_server s;
    add_committee_logins(s);
    http_client c(s.port);
    auto tesorera = login(c, "tesorera");
    const auto photo = jpeg_bytes(150 * 1024); // more than one piece of the server's reads
    const auto sha = asamblea::store::sha256_hex(photo);

    // Whatever the client says the type is, the bytes decide.
    auto first = upload(s.port, tesorera, photo, "Content-Type: text/plain\r\n");
    REQUIRE_MESSAGE(first.status == 201, first.body);
    auto body = json::parse(first.body);
    CHECK(body["sha256"] == sha);
    CHECK(body["kind"] == "jpeg");
    CHECK(body["size"] == photo.size());
    CHECK(body["mime"] == "image/jpeg");
    CHECK(first.header("Location") == upload_path + "/" + sha);
    CHECK(first.keep_alive);
    CHECK(fs::is_regular_file(s.dir.path / "evidence" / sha.substr(0, 2) / sha));

    // Uploaded but named by no record of the clinic yet: not served.
    CHECK(get(c, upload_path + "/" + sha, tesorera).status == 404);
    name_in_records(s, clinic, {sha});

    // The clinic's staff read it back with its type: the committee, its moderator, a coordinator.
    auto mod = login(c, "mod");
    auto coord = login(c, "coord");
    for (const auto& token : {tesorera, login(c, "vocal"), mod, coord}) {
        auto back = get(c, upload_path + "/" + sha, token);
        REQUIRE_MESSAGE(back.status == 200, back.body);
        CHECK(back.body == photo);
        CHECK(back.header("Content-Type") == "image/jpeg");
        CHECK(back.header("Cache-Control") == "private, max-age=31536000, immutable");
        CHECK(back.header("ETag") == "\"" + sha + "\"");
    }
    auto unchanged = get(c, upload_path + "/" + sha, mod, {{"If-None-Match", "\"" + sha + "\""}});
    CHECK(unchanged.status == 304);
    CHECK(unchanged.body.empty());

    // No login, another clinic's committee, an unknown or malformed name.
    CHECK(get(c, upload_path + "/" + sha, "").status == 401);
    auto other = get(c, upload_path + "/" + sha, login(c, "ajena"));
    CHECK(other.status == 403);
    auto unknown = get(c, upload_path + "/" + std::string(64, 'a'), mod);
    CHECK(unknown.status == 404);
    CHECK(json::parse(unknown.body)["error"] == "file_not_found");
    for (const std::string& bad :
         {std::string("..%2F..%2Fsecret.key"), std::string("ABC"), std::string(64, 'A')})
        CHECK_MESSAGE(get(c, upload_path + "/" + bad, mod).status == 404, bad);

    // The same bytes again, chunked in other pieces by another member: the same name, 200, and
    // still one file on disk.
    raw_connection again(s.port);
    again.send("POST " + upload_path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " +
               login(c, "vocal") + "\r\nTransfer-Encoding: chunked\r\n\r\n");
    again.send(chunked(photo, 10000));
    auto second = again.reply();
    REQUIRE(second);
    CHECK_MESSAGE(second->status == 200, second->body);
    CHECK(json::parse(second->body)["sha256"] == sha);
    CHECK(evidence_files_on_disk(s) == 1);

    // The other accepted kinds are told from their bytes too.
    for (const auto& [bytes, kind, mime] :
         {std::tuple{std::string("\x89PNG\r\n\x1A\n") + std::string(100, 'p'), "png", "image/png"},
          std::tuple{std::string("RIFF\x10\0\0\0WEBPVP8 ", 16) + std::string(50, 'w'), "webp",
                     "image/webp"},
          std::tuple{std::string("%PDF-1.7\n") + std::string(200, 'd'), "pdf", "application/pdf"},
          std::tuple{std::string("\xEF\xBB\xBF\n  <?xml version=\"1.0\"?><cfdi:Comprobante/>"),
                     "xml", "application/xml"}}) {
        auto r = upload(s.port, tesorera, bytes);
        REQUIRE_MESSAGE(r.status == 201, kind << " " << r.body);
        CHECK(json::parse(r.body)["kind"] == kind);
        name_in_records(s, clinic, {asamblea::store::sha256_hex(bytes)});
        auto back = get(c, upload_path + "/" + asamblea::store::sha256_hex(bytes), mod);
        CHECK(back.body == bytes);
        CHECK(back.header("Content-Type") == mime);
    }
    CHECK(evidence_files_on_disk(s) == 5);
    CHECK(temp_files_eventually(s) == 0);
}

TEST_CASE("uploads: bytes of another type are refused 415 whatever the name or Content-Type") {
    running_server s;
    add_committee_logins(s);
    http_client c(s.port);
    auto tesorera = login(c, "tesorera");

    auto text = upload(s.port, tesorera, "hola, esto es texto y no una foto",
                       "Content-Type: image/jpeg\r\nContent-Disposition: attachment; "
                       "filename=\"foto.jpg\"\r\n");
    CHECK(text.status == 415);
    auto body = json::parse(text.body);
    CHECK(body["error"] == "file_type_unsupported");
    CHECK(body["message"] == "Solo se aceptan fotos JPEG, PNG o WebP y documentos PDF o XML.");
    // The whole (short) body was read, so the connection may stay.
    CHECK(text.keep_alive);

    // A long body is refused as soon as its first bytes are known, without reading it all.
    raw_connection big(s.port);
    big.send(upload_header(tesorera, 2 * 1024 * 1024));
    big.send(std::string(128 * 1024, 't'));
    auto refused = big.reply();
    REQUIRE(refused);
    CHECK(refused->status == 415);
    CHECK_FALSE(refused->keep_alive);

    // An empty body is no file at all.
    CHECK(upload(s.port, tesorera, "").status == 415);
    CHECK(evidence_files_on_disk(s) == 0);
}

TEST_CASE("uploads: a file over 10 MB is refused 413, the connection closed, nothing kept") {
    running_server s;
    add_committee_logins(s);
    http_client c(s.port);
    auto tesorera = login(c, "tesorera");
    const std::size_t limit = asamblea::domain::max_upload_bytes;
    auto over = jpeg_bytes(limit + 1);

    SUBCASE("told in advance: refused right after the header, before any byte of the body") {
        raw_connection conn(s.port);
        conn.send(upload_header(tesorera, over.size()));
        auto r = conn.reply(); // no body sent at all
        REQUIRE(r);
        CHECK(r->status == 413);
        CHECK(json::parse(r->body)["error"] == "file_too_large");
        CHECK(json::parse(r->body)["message"] == "El archivo pasa de 10 MB.");
        CHECK_FALSE(r->keep_alive);
        CHECK(conn.closed_by_server());
    }
    SUBCASE("chunked, so only counting tells: refused at the byte past the limit") {
        raw_connection conn(s.port);
        conn.send("POST " + upload_path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " +
                  tesorera + "\r\nTransfer-Encoding: chunked\r\n\r\n");
        conn.send(chunked(over, 256 * 1024)); // may fail part way: the server stops reading
        auto r = conn.reply();
        REQUIRE(r);
        CHECK(r->status == 413);
        CHECK(json::parse(r->body)["error"] == "file_too_large");
        CHECK_FALSE(r->keep_alive);
        CHECK(conn.closed_by_server());
    }
    CHECK(temp_files_eventually(s) == 0);
    CHECK(evidence_files_on_disk(s) == 0);

    // Exactly the limit is accepted.
    auto fits = upload(s.port, tesorera, jpeg_bytes(limit));
    CHECK_MESSAGE(fits.status == 201, fits.body);
    CHECK(evidence_files_on_disk(s) == 1);
}

TEST_CASE("uploads: only the clinic's committee may upload, decided before the body is read") {
    running_server s;
    add_committee_logins(s);
    http_client c(s.port);
    const auto photo = jpeg_bytes(4096);
    struct attempt {
        std::string who;
        unsigned status;
        std::string error;
    };
    for (const auto& a :
         {attempt{"", 401, "no_token"}, attempt{"mod", 403, "wrong_role"},
          attempt{"coord", 403, "wrong_role"}, attempt{"ajena", 403, "wrong_clinic"},
          attempt{"anterior", 403, "not_current_member"}}) {
        CAPTURE(a.who);
        auto token = a.who.empty() ? std::string() : login(c, a.who);
        raw_connection conn(s.port);
        conn.send(upload_header(token, photo.size()));
        // The answer comes while the body is still unsent.
        auto r = conn.reply();
        REQUIRE(r);
        CHECK(r->status == a.status);
        CHECK(json::parse(r->body)["error"] == a.error);
        CHECK_FALSE(r->keep_alive);
        conn.send(photo); // too late: nobody stores it
    }
    auto bad_token = upload(s.port, "no-es-un-token", photo);
    CHECK(bad_token.status == 401);
    // A malformed clinic in the path is no clinic.
    raw_connection wrong_path(s.port);
    wrong_path.send("POST /api/c/no-existe/files HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n");
    auto r = wrong_path.reply();
    REQUIRE(r);
    CHECK(r->status == 404);
    CHECK(temp_files_eventually(s) == 0);
    CHECK(evidence_files_on_disk(s) == 0);

    // A client that waits for "100 Continue" gets it only once the upload is allowed.
    auto tesorera = login(c, "tesorera");
    raw_connection polite(s.port);
    polite.send(upload_header(tesorera, photo.size(), "Expect: 100-continue\r\n"));
    auto go_on = polite.reply();
    REQUIRE(go_on);
    CHECK(go_on->status == 100);
    polite.send(photo);
    auto stored = polite.reply();
    REQUIRE(stored);
    CHECK(stored->status == 201);
    raw_connection refused(s.port);
    refused.send(upload_header(login(c, "mod"), photo.size(), "Expect: 100-continue\r\n"));
    auto no = refused.reply();
    REQUIRE(no);
    CHECK(no->status == 403);
    CHECK(evidence_files_on_disk(s) == 1);
}

TEST_CASE("uploads: a slow upload that keeps sending finishes; one that stalls is cut") {
    asamblea::server::server_config config;
    config.limits.upload_idle_timeout = std::chrono::seconds(2);
    config.limits.request_timeout = std::chrono::seconds(2); // never applies to an upload's body
    running_server s(config);
    add_committee_logins(s);
    http_client c(s.port);
    auto tesorera = login(c, "tesorera");
    const auto photo = jpeg_bytes(30000);

    {
        // Three pauses shorter than the idle timeout, longer than it all together.
        raw_connection slow(s.port);
        slow.send(upload_header(tesorera, photo.size()));
        for (std::size_t part = 0; part < 3; ++part) {
            std::this_thread::sleep_for(std::chrono::milliseconds(900));
            REQUIRE(slow.send(std::string_view(photo).substr(part * 10000, 10000)));
        }
        auto r = slow.reply();
        REQUIRE(r);
        CHECK_MESSAGE(r->status == 201, r->body);
    }
    {
        const auto other = jpeg_bytes(30000, 'k');
        raw_connection stalled(s.port);
        stalled.send(upload_header(tesorera, other.size()));
        stalled.send(std::string_view(other).substr(0, other.size() / 2));
        std::this_thread::sleep_for(std::chrono::seconds(4));
        // Cut without an answer; the rest arrives too late.
        stalled.send(std::string_view(other).substr(other.size() / 2));
        CHECK_FALSE(stalled.reply());
        CHECK_FALSE(
            fs::exists(s.dir.path / "evidence" / asamblea::store::sha256_hex(other).substr(0, 2) /
                       asamblea::store::sha256_hex(other)));
    }
    CHECK(temp_files_eventually(s) == 0);
    CHECK(evidence_files_on_disk(s) == 1);
}

TEST_CASE("uploads: temporary files left by a crash are removed when the server starts") {
    test_dir dir;
    const auto tmp = dir.path / "evidence" / "tmp";
    fs::create_directories(tmp);
    std::ofstream(tmp / "upload-crashed") << "a medias";
    const auto kept = dir.path / "evidence" / "ab" / ("ab" + std::string(62, '0'));
    fs::create_directories(kept.parent_path());
    std::ofstream(kept) << "guardado";
    asamblea::server::server_config config;
    config.data_dir = dir.str();
    config.address = "127.0.0.1";
    config.port = 0;
    asamblea::server::web_server srv(config);
    CHECK(fs::is_empty(tmp));
    CHECK(fs::is_regular_file(kept));
}

} // namespace uploads_test
