#pragma once
/// What every handler may use: the store, the schemas, authentication and metrics.

namespace asamblea::store {
class store;
}

namespace asamblea::server {

class schema_registry;
class auth_service;
class metrics;
class router;
class room_registry;

struct app_context {
    store::store& store;
    const schema_registry& schemas;
    auth_service& auth;
    server::metrics& metrics;
    room_registry& rooms;
};

/// Each API area adds its routes; one function per file in src/server/api_*.cpp.
void add_auth_routes(router& r, app_context& ctx);
void add_clinic_routes(router& r, app_context& ctx);
void add_assembly_routes(router& r, app_context& ctx);
void add_attendee_routes(router& r, app_context& ctx);
void add_proposal_routes(router& r, app_context& ctx);
void add_floor_routes(router& r, app_context& ctx);
void add_round_routes(router& r, app_context& ctx);

} // namespace asamblea::server
