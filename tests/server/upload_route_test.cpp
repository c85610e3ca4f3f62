// Which requests take the streamed upload path: decided from the request line alone.
#include "server/http/upload_route.hpp"

#include <doctest/doctest.h>

using asamblea::server::upload_route_clues;

TEST_CASE("upload route: only POST /api/c/{clues}/files streams to disk") {
    CHECK(upload_route_clues("POST", "/api/c/CSIMB000001/files") == "CSIMB000001");
    CHECK(upload_route_clues("POST", "/api/c/csimb000001/files?nombre=foto.jpg") ==
          "csimb000001");
    CHECK(upload_route_clues("POST", "/api/c/CSIMB%30%30%30%30%30%31/files") == "CSIMB000001");
    // Everything else reads its body the ordinary way (or has none).
    CHECK_FALSE(upload_route_clues("GET", "/api/c/CSIMB000001/files"));
    CHECK_FALSE(upload_route_clues("PUT", "/api/c/CSIMB000001/files"));
    CHECK_FALSE(upload_route_clues("POST", "/api/c/CSIMB000001/files/abc"));
    CHECK_FALSE(upload_route_clues("POST", "/api/c/CSIMB000001/files/"));
    CHECK_FALSE(upload_route_clues("POST", "/api/c//files"));
    CHECK_FALSE(upload_route_clues("POST", "/api/c/a/b/files"));
    CHECK_FALSE(upload_route_clues("POST", "/api/c/a%2Fb/files"));
    CHECK_FALSE(upload_route_clues("POST", "/api/c/CSIMB000001/proposals"));
    CHECK_FALSE(upload_route_clues("POST", "/api/auth/login"));
    CHECK_FALSE(upload_route_clues("POST", "/api/c/%zz/files"));
}
