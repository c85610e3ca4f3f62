#include "app/assembly_lookup.hpp"

#include "store/clinic_repo.hpp"

namespace asamblea::app {

domain::result<domain::clinic> find_clinic(SQLite::Database& db, const std::string& clues) {
    auto clinic = store::find_clinic(db, clues);
    if (!clinic)
        return domain::fail(domain::error_kind::not_found, "not_found",
                            "No existe la unidad «" + clues + "».", "clues");
    return *clinic;
}

domain::result<store::assembly_row> current_assembly(SQLite::Database& db,
                                                     const std::string& clues) {
    auto a = store::latest_assembly(db, clues);
    if (!a)
        return std::unexpected(domain::no_assembly());
    return *a;
}

domain::result<store::assembly_row> still_current(SQLite::Database& db,
                                                  const store::assembly_row& seen) {
    auto a = store::latest_assembly(db, seen.clues);
    if (!a || a->id != seen.id)
        return domain::fail(domain::error_kind::conflict, "assembly_changed",
                            "La asamblea cambió mientras tanto. Actualice la página.");
    return *a;
}

} // namespace asamblea::app
