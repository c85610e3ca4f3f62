#include "cli/commands.hpp"

#include <exception>
#include <iostream>
#include <sys/stat.h>

namespace asamblea::cli {

void add_data_option(CLI::App& sub, std::string& data_dir) {
    sub.add_option("--data", data_dir, "Folder for the database and files")
        ->envname("ASAMBLEA_DATA")
        ->capture_default_str();
}

} // namespace asamblea::cli

int main(int argc, char** argv) {
    // Everything this process creates (the database and its journal, keys, evidence, backups,
    // exports) is the owner's alone from the start, whatever the shell's umask: it holds names,
    // password hashes and ballots. The store also sets the modes itself (store/private_path).
    ::umask(077);
    CLI::App app{"asamblea: live community assemblies for La Clínica es Nuestra"};
    app.require_subcommand(1);
    using namespace asamblea::cli;
    // subcommands
    add_tally_command(app);
    add_serve_command(app);
    add_import_clinics_command(app);
    add_user_command(app);
    add_seed_demo_command(app);
    add_verify_command(app);
    add_bench_seed_command(app);
    add_backup_command(app);
    add_export_command(app);
    add_haproxy_config_command(app);
    add_fleet_key_command(app);
    add_clinic_export_command(app);
    add_clinic_import_command(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const std::exception& e) {
        std::cerr << "asamblea: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
