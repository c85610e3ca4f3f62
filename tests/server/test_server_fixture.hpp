#pragma once
/// Starts the real server on port 0 over a fresh data folder seeded with two clinics and users.

#include "../store/test_dir.hpp"
#include "server/web_server.hpp"
#include "store/clinic_repo.hpp"
#include "store/crypto.hpp"
#include "store/store.hpp"
#include "store/user_repo.hpp"

#include <memory>

struct running_server {
    test_dir dir;
    std::unique_ptr<asamblea::server::web_server> srv;
    unsigned short port = 0;

    explicit running_server(asamblea::server::server_config config = {}) {
        config.data_dir = dir.str();
        config.port = 0;
        config.address = "127.0.0.1";
        config.threads = 2;
        // Links in answers must not depend on this machine's network: no LAN address unless a
        // test gives one (the client's Host is "localhost", so links stay http://localhost).
        if (!config.lan_addresses)
            config.lan_addresses = std::vector<std::string>{};
        srv = std::make_unique<asamblea::server::web_server>(config);
        seed(srv->store());
        port = srv->start();
    }
    ~running_server() {
        srv->stop();
        srv->wait();
    }

    static void seed(asamblea::store::store& s) {
        using namespace asamblea;
        auto hash = store::hash_password("clave-de-prueba");
        auto ok = s.writer().run([&](store::write_context& ctx) -> domain::status {
            store::upsert_clinics(ctx, {{"CSIMB000001", "Centro de Salud Ocosingo", "Chiapas",
                                         "Ocosingo", "IMSS-BIENESTAR", 1, "Rural", 40000000},
                                        {"CSIMB000002", "Centro de Salud Palenque", "Chiapas",
                                         "Palenque", "IMSS-BIENESTAR", 3, "Urbano", 80000000},
                                        {"DFIST000003", "Clínica Tlalpan", "Ciudad de México",
                                         "Tlalpan", "ISSSTE", 8, "UMF", 100000000}});
            (void)store::save_user(ctx, "coord", hash, domain::role::coordinator, {}, false);
            (void)store::save_user(ctx, "mod", hash, domain::role::moderator, {"CSIMB000001"},
                                   false);
            return {};
        });
        if (!ok)
            throw std::runtime_error(ok.error().message);
    }
};
