#include "cli/commands.hpp"
#include "cli/demo_followup.hpp"
#include "cli/demo_last_year.hpp"
#include "domain/clinic.hpp"
#include "domain/proposal.hpp"
#include "store/assembly_repo.hpp"
#include "store/clinic_repo.hpp"
#include "store/crypto.hpp"
#include "store/store.hpp"
#include "store/user_repo.hpp"

#include <algorithm>
#include <iostream>
#include <stdexcept>

namespace asamblea::cli {
namespace {

using domain::category;

struct demo_proposal {
    const char* title;
    const char* description;
    category cat;
    domain::centavos pesos;
};

struct demo_clinic {
    domain::clinic clinic;
    std::vector<demo_proposal> proposals;
};

std::vector<demo_clinic> demo_clinics() {
    auto make = [](const char* clues, const char* nombre, const char* entidad,
                   const char* municipio, const char* institucion, int consultorios,
                   const char* tipo) {
        return domain::clinic{
            clues,       nombre,       entidad, municipio,
            institucion, consultorios, tipo,    domain::budget_for_tier(consultorios, tipo)};
    };
    return {
        {make("CSIMB001234", "Centro de Salud San Juan Chamula", "Chiapas", "San Juan Chamula",
              "IMSS-BIENESTAR", 1, "Rural"),
         {{"Impermeabilizar el techo", "Sellar filtraciones en sala de espera y consultorio.",
           category::mejoramiento, 85'000},
          {"Refrigerador para vacunas", "Red de frío con registro de temperatura.",
           category::equipamiento, 65'000},
          {"Bancas para la sala de espera", "20 lugares, resistentes y fáciles de limpiar.",
           category::mobiliario, 30'000},
          {"Rampa de acceso", "Para sillas de ruedas y carriolas en la entrada principal.",
           category::obra, 120'000},
          {"Cisterna y bomba de agua", "Agua segura aunque falle el suministro.", category::obra,
           150'000},
          {"Baumanómetros y glucómetros", "Equipo básico para control de crónicos.",
           category::equipamiento, 25'000},
          {"Pintura y señalización", "Letreros en español y tsotsil.", category::mejoramiento,
           40'000},
          {"Escritorio y archivero", "Para el consultorio y el expediente clínico.",
           category::mobiliario, 18'000}}},
        {make("OCIMB000587", "Centro de Salud Santa María Tlahuitoltepec", "Oaxaca",
              "Santa María Tlahuitoltepec", "IMSS-BIENESTAR", 3, "Urbano"),
         {{"Sala de lactancia", "Espacio privado con sillón y lavabo.", category::obra, 180'000},
          {"Electrocardiógrafo", "Para detectar infartos sin trasladar al paciente.",
           category::equipamiento, 95'000},
          {"Paneles solares", "Reducir cortes de luz y el gasto en electricidad.",
           category::mejoramiento, 260'000},
          {"Camas de exploración", "Tres camas nuevas, una por consultorio.", category::mobiliario,
           54'000},
          {"Baños accesibles", "Remodelación con barras y espacio para silla de ruedas.",
           category::obra, 210'000},
          {"Ultrasonido portátil", "Control prenatal en la unidad.", category::equipamiento,
           240'000},
          {"Techado del patio", "Sombra para quien espera afuera.", category::obra, 130'000},
          {"Sillas para la sala de espera", "30 sillas.", category::mobiliario, 36'000}}},
        {make("DFIST000042", "Clínica de Medicina Familiar Tlalpan", "Ciudad de México", "Tlalpan",
              "ISSSTE", 8, "CESSA"),
         {{"Elevador", "Acceso a la planta alta para personas mayores.", category::obra, 650'000},
          {"Desfibrilador", "Uno por piso, con capacitación.", category::equipamiento, 90'000},
          {"Climatización de la sala de espera", "Aire acondicionado eficiente.",
           category::mejoramiento, 180'000},
          {"Consultorio dental nuevo", "Sillón dental y compresor.", category::equipamiento,
           320'000},
          {"Mobiliario de farmacia", "Anaqueles y mostrador.", category::mobiliario, 75'000},
          {"Red de datos", "Cableado para el expediente electrónico.", category::mejoramiento,
           110'000},
          {"Área de juegos infantil", "Para niñas y niños que esperan consulta.", category::obra,
           60'000},
          {"Camillas de traslado", "Dos camillas con barandal.", category::mobiliario, 48'000}}},
    };
}

struct demo_login {
    const char* username;
    const char* password;
    domain::role role;
    bool scoped; // to the first demo clinic
};

constexpr demo_login demo_logins[] = {
    {"coordinador", "demo-coordinador", domain::role::coordinator, false},
    {"moderador", "demo-moderador", domain::role::moderator, true},
    {"cosabi", "demo-cosabi", domain::role::committee, true},
};

// The elected 2025 members of the first demo clinic who get a login (through their invitation,
// as a member claims it), so the follow-up can be tried with each role's rights.
const std::vector<demo_member_login> demo_member_logins = {
    {"presidencia", "cosabi-presidencia", "demo-cosabi-presidencia"},
    {"tesoreria", "cosabi-tesoreria", "demo-cosabi-tesoreria"},
};

// Last year's assembly, held and closed through the app's commands, and at the first clinic its
// follow-up; only for a clinic without any assembly yet.
void seed_last_years(store::store& db, const std::vector<demo_clinic>& clinics,
                     const std::vector<std::string>& fresh) {
    demo_evidence files(db.evidence());
    for (const auto& d : clinics) {
        if (std::find(fresh.begin(), fresh.end(), d.clinic.clues) == fresh.end())
            continue;
        bool first = &d == &clinics.front();
        auto users = seed_last_year(db, d.clinic.clues,
                                    first ? demo_member_logins : std::vector<demo_member_login>{});
        if (first)
            seed_followup(db, d.clinic.clues, d.clinic.nombre,
                          {users.at("presidencia"), users.at("tesoreria")}, files);
    }
}

int seed_demo(const std::string& data_dir) {
    store::store db(data_dir);
    auto clinics = demo_clinics();
    std::vector<std::string> hashes;
    for (const auto& login : demo_logins)
        hashes.push_back(store::hash_password(login.password));
    std::vector<std::string> fresh; // clinics without an assembly: seeding again keeps the rest
    auto upserted = db.writer().run([&](store::write_context& ctx) -> domain::status {
        std::vector<domain::clinic> rows;
        for (const auto& d : clinics)
            rows.push_back(d.clinic);
        store::upsert_clinics(ctx, rows);
        for (const auto& d : clinics)
            if (!store::latest_assembly(ctx.db(), d.clinic.clues))
                fresh.push_back(d.clinic.clues);
        return {};
    });
    if (!upserted) {
        std::cerr << "asamblea: " << upserted.error().message << "\n";
        return 1;
    }
    try {
        seed_last_years(db, clinics, fresh);
    } catch (const std::exception& e) {
        std::cerr << "asamblea: " << e.what() << "\n";
        return 1;
    }
    auto saved = db.writer().run([&](store::write_context& ctx) -> domain::status {
        for (const auto& d : clinics) {
            if (std::find(fresh.begin(), fresh.end(), d.clinic.clues) == fresh.end())
                continue;
            // 21 Feb 2026, 11:00 in Mexico City (UTC-6, no daylight saving since 2022).
            auto assembly =
                store::create_assembly(ctx, d.clinic.clues, 2026, "2026-02-21T17:00:00.000Z", 20);
            for (const auto& p : d.proposals) {
                domain::proposal row;
                row.title = p.title;
                row.description = p.description;
                row.category = p.cat;
                row.cost = p.pesos * 100;
                row.source = domain::proposal_source::diagnostico;
                store::add_proposal(ctx, assembly, d.clinic.clues, row, "aceptada");
            }
        }
        for (std::size_t i = 0; i < std::size(demo_logins); ++i) {
            const auto& login = demo_logins[i];
            std::vector<std::string> scope;
            if (login.scoped)
                scope.push_back(clinics.front().clinic.clues);
            auto id = store::save_user(ctx, login.username, hashes[i], login.role, scope, true);
            if (!id)
                return std::unexpected(id.error());
        }
        return {};
    });
    if (!saved) {
        std::cerr << "asamblea: " << saved.error().message << "\n";
        return 1;
    }
    std::cout << "Demo lista en " << data_dir << ":\n";
    for (const auto& d : clinics)
        std::cout << "  " << d.clinic.clues << "  " << d.clinic.nombre << " ("
                  << domain::format_pesos(d.clinic.presupuesto) << ")\n";
    std::cout << "Cuentas (usuario / contraseña):\n";
    for (const auto& login : demo_logins)
        std::cout << "  " << login.username << " / " << login.password << "  ["
                  << domain::to_string(login.role)
                  << (login.scoped ? ", " + clinics.front().clinic.clues
                                   : std::string(", nacional"))
                  << "]\n";
    for (const auto& login : demo_member_logins)
        std::cout << "  " << login.username << " / " << login.password << "  [COSABI 2025, "
                  << login.role << ", " << clinics.front().clinic.clues << "]\n";
    return 0;
}

} // namespace

void add_seed_demo_command(CLI::App& app) {
    auto data_dir = std::make_shared<std::string>("./data");
    auto* sub = app.add_subcommand("seed-demo", "Create demo clinics, assemblies and logins");
    add_data_option(*sub, *data_dir);
    sub->callback([data_dir] {
        int code = seed_demo(*data_dir);
        if (code != 0)
            throw CLI::RuntimeError(code);
    });
}

} // namespace asamblea::cli
