// Which requests take the streamed upload path: decided from the request line alone.
#include "server/http/upload_route.hpp"

#include <doctest/doctest.h>

using asamblea::server::upload_route_clues;

TEST_CASE("upload route: only POST /api/c/{clues}/archivos streams to disk") {
    CHECK(upload_route_clues("POST", "/api/c/CSIMB000001/archivos") == "CSIMB000001");
    CHECK(upload_route_clues("POST", "/api/c/csimb000001/archivos?nombre=foto.jpg") ==
          "csimb000001");
    CHECK(upload_route_clues("POST", "/api/c/CSIMB%30%30%30%30%30%31/archivos") == "CSIMB000001");
    // Everything else reads its body the ordinary way (or has none).
    CHECK_FALSE(upload_route_clues("GET", "/api/c/CSIMB000001/archivos"));
    CHECK_FALSE(upload_route_clues("PUT", "/api/c/CSIMB000001/archivos"));
    CHECK_FALSE(upload_route_clues("POST", "/api/c/CSIMB000001/archivos/abc"));
    CHECK_FALSE(upload_route_clues("POST", "/api/c/CSIMB000001/archivos/"));
    CHECK_FALSE(upload_route_clues("POST", "/api/c//archivos"));
    CHECK_FALSE(upload_route_clues("POST", "/api/c/a/b/archivos"));
    CHECK_FALSE(upload_route_clues("POST", "/api/c/a%2Fb/archivos"));
    CHECK_FALSE(upload_route_clues("POST", "/api/c/CSIMB000001/proposals"));
    CHECK_FALSE(upload_route_clues("POST", "/api/auth/login"));
    CHECK_FALSE(upload_route_clues("POST", "/api/c/%zz/archivos"));
}
