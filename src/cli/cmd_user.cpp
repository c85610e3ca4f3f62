#include "cli/commands.hpp"
#include "domain/clinic.hpp"
#include "domain/staff.hpp"
#include "store/crypto.hpp"
#include "store/store.hpp"
#include "store/user_repo.hpp"

#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace asamblea::cli {
namespace {

struct user_options {
    std::string data_dir = "./data";
    std::string username;
    std::string role;
    std::vector<std::string> clinics;
    bool password_stdin = false;
    bool update = false;
};

// Order: ASAMBLEA_PASSWORD, then --password-stdin, then an interactive prompt without echo.
std::string read_password(bool from_stdin) {
    if (const char* env = std::getenv("ASAMBLEA_PASSWORD"))
        return env;
    std::string password;
    if (from_stdin || !isatty(0)) {
        std::getline(std::cin, password);
        return password;
    }
    termios old{};
    tcgetattr(0, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(0, TCSANOW, &quiet);
    std::cerr << "Contraseña: " << std::flush;
    std::getline(std::cin, password);
    tcsetattr(0, TCSANOW, &old);
    std::cerr << "\n";
    return password;
}

int add_user(const user_options& o) {
    auto fail = [](const domain::error& e) {
        std::cerr << "asamblea: " << e.message << "\n";
        return 1;
    };
    if (auto ok = domain::check_username(o.username); !ok)
        return fail(ok.error());
    auto role = domain::parse_role(o.role);
    if (!role)
        return fail({domain::error_kind::invalid, "bad_role",
                     "El rol debe ser coordinator, moderator o committee.", "role", 0});
    std::vector<std::string> clinics;
    for (const auto& c : o.clinics) {
        auto clues = domain::normalize_clues(c);
        if (!clues)
            return fail({domain::error_kind::invalid, "bad_clues",
                         "La CLUES «" + c + "» no es válida.", "clinic", 0});
        clinics.push_back(*clues);
    }
    if (*role != domain::role::coordinator && clinics.empty())
        return fail({domain::error_kind::invalid, "clinic_required",
                     "Las cuentas de moderación y de COSABI necesitan --clinic CLUES.", "clinic",
                     0});
    std::string password = read_password(o.password_stdin);
    if (auto ok = domain::check_password(password); !ok)
        return fail(ok.error());
    store::store db(o.data_dir);
    std::string hash = store::hash_password(password);
    auto saved = db.writer().run([&](store::write_context& ctx) -> domain::status {
        auto id = store::save_user(ctx, o.username, hash, *role, clinics, o.update);
        if (!id)
            return std::unexpected(id.error());
        return {};
    });
    if (!saved)
        return fail(saved.error());
    std::cout << "Usuario «" << o.username << "» guardado (" << o.role << ").\n";
    return 0;
}

} // namespace

void add_user_command(CLI::App& app) {
    auto opts = std::make_shared<user_options>();
    auto* user = app.add_subcommand("user", "Manage staff accounts");
    user->require_subcommand(1);
    auto* add = user->add_subcommand("add", "Create a staff account (password from "
                                            "ASAMBLEA_PASSWORD, stdin, or a prompt)");
    add_data_option(*add, opts->data_dir);
    add->add_option("username", opts->username, "Login name")->required();
    add->add_option("--role", opts->role, "coordinator, moderator or committee")->required();
    add->add_option("--clinic", opts->clinics, "CLUES the account may act on (repeatable)");
    add->add_flag("--password-stdin", opts->password_stdin, "Read the password from stdin");
    add->add_flag("--update", opts->update, "Replace the password, role and clinics if it exists");
    add->callback([opts] {
        int code = add_user(*opts);
        if (code != 0)
            throw CLI::RuntimeError(code);
    });
}

} // namespace asamblea::cli
