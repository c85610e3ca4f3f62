// `asamblea fleet-key --out FILE`: makes the key that every shard of a fleet shares (serve
// --fleet-key), so that a shard can tell a request from another shard of its map from anyone
// else's. Made once, then copied (mode 0600) to every shard's machine.
#include "cli/commands.hpp"
#include "store/crypto.hpp"

#include <iostream>
#include <memory>
#include <stdexcept>

namespace asamblea::cli {

void add_fleet_key_command(CLI::App& app) {
    auto* sub = app.add_subcommand("fleet-key", "Make the key shared by every shard of a fleet");
    auto out = std::make_shared<std::string>();
    sub->add_option("--out", *out, "Key file to create (refused when it exists)")->required();
    sub->callback([out] {
        try {
            (void)store::create_key(*out);
        } catch (const std::exception& e) {
            std::cerr << "No se pudo crear la llave " << *out << " (¿ya existe?). Nada cambió. ("
                      << e.what() << ")\n";
            throw CLI::RuntimeError(1);
        }
        std::cout << "Llave de la red escrita en " << *out
                  << " (32 bytes, permisos 0600). Cópiela a cada servidor y úsela con "
                     "`asamblea serve --fleet-key`.\n";
    });
}

} // namespace asamblea::cli
