#pragma once
/// The `asamblea` subcommands; each file adds one to the CLI11 app.

#include <CLI/CLI.hpp>

#include <string>

namespace asamblea::cli {

/// Every subcommand takes --data DIR (default ./data) for its database and files.
void add_data_option(CLI::App& sub, std::string& data_dir);

void add_serve_command(CLI::App& app);
void add_import_clinics_command(CLI::App& app);
void add_user_command(CLI::App& app);
void add_seed_demo_command(CLI::App& app);
void add_verify_command(CLI::App& app);
void add_tally_command(CLI::App& app);
void add_bench_seed_command(CLI::App& app);
void add_backup_command(CLI::App& app);
void add_export_command(CLI::App& app);
void add_haproxy_config_command(CLI::App& app);
void add_fleet_key_command(CLI::App& app);
void add_clinic_export_command(CLI::App& app);
void add_clinic_import_command(CLI::App& app);

} // namespace asamblea::cli
