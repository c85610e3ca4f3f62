#pragma once
/// What every handler may use: the store, the schemas, authentication and metrics.

#include <string>
#include <vector>

namespace asamblea::store {
class store;
}

namespace asamblea::server {

class schema_registry;
class auth_service;
class metrics;
class router;
class room_registry;
class fleet;
class national_cache;

struct app_context {
    store::store& store;
    const schema_registry& schemas;
    auth_service& auth;
    server::metrics& metrics;
    room_registry& rooms;
    std::string public_url;                 // configured origin for links in QR codes; may be empty
    std::vector<std::string> lan_addresses; // the machine's, for links when the Host is loopback
    std::string scheme = "http";            // of links built from a Host: "https" with TLS
    // The other shards and the key shared with them (`serve --shards … --fleet-key …`); null
    // on a server of its own, which answers every view from its own database.
    const server::fleet* fleet = nullptr;
    // The national answers merged from every shard, kept a few seconds (fleet/national_cache);
    // set with `fleet`.
    server::national_cache* national_cache = nullptr;
};

struct request;
struct response;

/// A route's handler: a named function of the API file of its resource.
using route_handler = response (*)(app_context&, const request&);
/// Registers `h` for the method and path pattern, with the context it is called with.
void add_route(router& r, app_context& ctx, const char* method, const char* pattern,
               route_handler h);
/// Registers a route whose handler hashes or checks a password (argon2id): it runs on the
/// bounded password pool, never on the REST workers (server_config::password_threads).
void add_password_route(router& r, app_context& ctx, const char* method, const char* pattern,
                        route_handler h);

/// The origin phones should open ("http://host:port", https with TLS): the configured public URL,
/// else the Host the request came to unless it is a loopback name, else the machine's LAN address
/// (domain::choose_link_origin); empty when nothing is known (links stay relative).
std::string public_origin(const app_context& ctx, const request& req);
void add_join_routes(router& r, app_context& ctx);

/// Each API area adds its routes; one function per file in src/server/api/.
void add_auth_routes(router& r, app_context& ctx);
void add_clinic_routes(router& r, app_context& ctx);
void add_assembly_routes(router& r, app_context& ctx);
void add_attendee_routes(router& r, app_context& ctx);
void add_proposal_routes(router& r, app_context& ctx);
void add_floor_routes(router& r, app_context& ctx);
void add_round_routes(router& r, app_context& ctx);
void add_committee_routes(router& r, app_context& ctx);
void add_acta_routes(router& r, app_context& ctx);
void add_chain_routes(router& r, app_context& ctx);
void add_national_routes(router& r, app_context& ctx);
void add_followup_routes(router& r, app_context& ctx);
void add_evidence_routes(router& r, app_context& ctx);
void add_public_followup_routes(router& r, app_context& ctx);
void add_public_assembly_routes(router& r, app_context& ctx);
void add_followup_report_routes(router& r, app_context& ctx);
void add_open_data_routes(router& r, app_context& ctx);
void add_incident_routes(router& r, app_context& ctx);
void add_national_view_routes(router& r, app_context& ctx);
void add_red_flag_routes(router& r, app_context& ctx);
void add_fleet_routes(router& r, app_context& ctx);
void add_fleet_national_routes(router& r, app_context& ctx);
void add_fleet_login_routes(router& r, app_context& ctx);
void add_fleet_open_data_routes(router& r, app_context& ctx);
void add_fleet_clinic_routes(router& r, app_context& ctx);

} // namespace asamblea::server
