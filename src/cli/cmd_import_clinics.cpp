#include "cli/commands.hpp"
#include "cli/shard_file.hpp"
#include "domain/clinic_csv.hpp"
#include "store/clinic_repo.hpp"
#include "store/store.hpp"

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

namespace asamblea::cli {
namespace {

// A one-line bar on stderr, redrawn in place; only when stderr is a terminal.
class progress_bar {
public:
    explicit progress_bar(std::string label) : label_(std::move(label)), tty_(isatty(2) == 1) {}
    void update(std::size_t done, std::size_t total) {
        if (!tty_ || total < 1000)
            return;
        int percent = static_cast<int>(done * 100 / total);
        if (percent == last_ && done != total)
            return;
        last_ = percent;
        int filled = percent * 30 / 100;
        std::cerr << "\r" << label_ << " [" << std::string(filled, '#')
                  << std::string(30 - filled, '.') << "] " << percent << "% (" << done << "/"
                  << total << ")" << std::flush;
        if (done == total)
            std::cerr << "\n";
    }

private:
    std::string label_;
    bool tty_;
    int last_ = -1;
};

// With a shard map, keeps only the clinics it gives to `self`; every clinic must have an owner
// (its CSV line otherwise). Returns how many went to other shards, or nullopt after printing.
std::optional<std::size_t> keep_own_clinics(const domain::shard_map& map, const std::string& self,
                                            const std::string& file,
                                            std::vector<domain::clinic>& clinics) {
    std::vector<std::string> clues;
    for (const auto& c : clinics)
        clues.push_back(c.clues);
    // Line 1 is the header and parse_clinic_csv keeps no line per clinic: the first clinic's line
    // is 2 (exact for a file without blank lines).
    auto orphans = domain::check_owners(map, clues, 2);
    if (!orphans.empty()) {
        std::cerr << file << ": " << orphans.size()
                  << " unidad(es) sin shard en el mapa; no se importó nada.\n";
        for (const auto& p : orphans)
            std::cerr << file << ":" << p.line << ": " << p.reason << "\n";
        return std::nullopt;
    }
    std::vector<domain::clinic> own;
    for (auto& c : clinics)
        if (map.owner(c.clues)->name == self)
            own.push_back(std::move(c));
    std::size_t elsewhere = clinics.size() - own.size();
    clinics = std::move(own);
    return elsewhere;
}

int import_clinics(const std::string& data_dir, const std::string& file,
                   const std::optional<domain::shard_map>& shards, const std::string& self) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::cerr << "asamblea: cannot read " << file << "\n";
        return 1;
    }
    std::ostringstream text;
    text << in.rdbuf();
    auto parsed = domain::parse_clinic_csv(text.str());
    if (!parsed.ok()) {
        std::cerr << file << ": " << parsed.problems.size()
                  << " línea(s) con errores; no se importó nada.\n";
        for (const auto& p : parsed.problems)
            std::cerr << file << ":" << p.line << ": " << p.reason << "\n";
        return 1;
    }
    std::size_t elsewhere = 0;
    if (shards) {
        auto kept = keep_own_clinics(*shards, self, file, parsed.clinics);
        if (!kept)
            return 1;
        elsewhere = *kept;
    }
    store::store db(data_dir);
    progress_bar bar("Importando unidades");
    store::import_counts counts;
    auto saved = db.writer().run([&](store::write_context& ctx) -> domain::status {
        counts =
            store::upsert_clinics(ctx, parsed.clinics, [&](std::size_t done, std::size_t total) {
                bar.update(done, total);
            });
        return {};
    });
    if (!saved) {
        std::cerr << "asamblea: " << saved.error().message << " " << saved.error().field << "\n";
        return 1;
    }
    std::cout << "Importadas " << parsed.clinics.size() << " unidades: " << counts.inserted
              << " nuevas, " << counts.updated << " actualizadas.\n";
    if (shards)
        std::cout << elsewhere << " unidad(es) de otros shards no se importaron aquí (shard "
                  << self << ").\n";
    return 0;
}

} // namespace

void add_import_clinics_command(CLI::App& app) {
    struct options {
        std::string data_dir = "./data";
        std::string file;
        shard_choice shards;
    };
    auto opts = std::make_shared<options>();
    auto* sub = app.add_subcommand("import-clinics",
                                   "Import or update clinics from a CSV file (all or nothing)");
    add_data_option(*sub, opts->data_dir);
    sub->add_option("file", opts->file,
                    "CSV with clues,nombre,entidad,municipio,institucion,consultorios,tipo"
                    "[,presupuesto]")
        ->required();
    add_shard_options(*sub, opts->shards);
    sub->callback([opts] {
        auto map = read_shard_map(opts->shards);
        int code = import_clinics(opts->data_dir, opts->file, map, opts->shards.name);
        if (code != 0)
            throw CLI::RuntimeError(code);
    });
}

} // namespace asamblea::cli
