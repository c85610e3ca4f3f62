#include "cli/demo_followup.hpp"

#include "app/followup/followup.hpp"
#include "cli/demo_command.hpp"
#include "domain/money.hpp"
#include "store/work_item_repo.hpp"

#include <map>
#include <stdexcept>

namespace asamblea::cli {
namespace {

using domain::evidence_kind;
using domain::work_state;

struct supplier {
    const char* nombre;
    const char* rfc11; // the RFC without its check digit
};

// Invented companies; their RFCs are well formed with a right check digit.
const std::map<std::string, supplier> suppliers = {
    {"techos", {"Techos y Láminas de Chiapas, S.A. de C.V.", "TLC120601QW"}},
    {"sureste", {"Construcciones del Sureste, S.A. de C.V.", "CSU100315AB"}},
    {"materiales", {"Materiales San Cristóbal, S.A. de C.V.", "MSC090910RT"}},
    {"medico", {"Equipo Médico del Valle, S.A. de C.V.", "EMV150420HJ"}},
    {"hospitalaria", {"Distribuidora Hospitalaria Maya, S.A. de C.V.", "DHM180105KL"}},
    {"muebles", {"Muebles Escolares y de Oficina, S.A. de C.V.", "MEO111111MN"}},
    {"pinturas", {"Pinturas y Acabados Tuxtla, S.A. de C.V.", "PAT130707PQ"}},
    {"electricidad", {"Electricidad Integral del Sur, S.A. de C.V.", "EIS160228RS"}},
};

const demo_picture before_picture{
    {150, 150, 145}, {120, 84, 50}, {96, 90, 84}, {60, 56, 52}, 18, false};
const demo_picture during_picture{
    {135, 190, 225}, {230, 130, 30}, {200, 190, 170}, {30, 30, 30}, 32, true};
const demo_picture after_picture{
    {70, 150, 230}, {40, 160, 80}, {235, 235, 225}, {250, 250, 250}, 40, false};

class followup_seeder {
public:
    followup_seeder(store::store& s, const std::string& clues, const std::string& clinic_name,
                    const demo_committee& committee, const demo_evidence& files)
        : room_(s, clues), clinic_name_(clinic_name), who_(committee), files_(files) {}

    std::int64_t work(const std::string& title) {
        auto db = room_.db().readers().acquire();
        for (const auto& w : store::list_work_items(*db, room_.clues(), 2025))
            if (w.item.title == title)
                return w.item.id;
        throw std::runtime_error(room_.clues() + ": no hay obra «" + title + "» de 2025");
    }

    void move(std::int64_t work, work_state to, const std::string& reason = "") {
        must(room_.run(app::move_work(who_.presidencia, work, to, reason)),
             "mover a " + std::string(domain::to_string(to)));
    }

    std::int64_t quote(std::int64_t work, const std::string& who, domain::centavos amount,
                       const std::string& date, const std::string& title) {
        const auto& s = suppliers.at(who);
        auto rfc = demo_rfc(s.rfc11);
        auto pdf = files_.put(demo_pdf(
            "Cotización", {std::string("Proveedor: ") + s.nombre + " (RFC " + rfc + ").",
                           "Para: COSABI de " + clinic_name_ + ".", "Concepto: " + title + ".",
                           "Importe total con IVA: " + domain::format_pesos(amount) + ".",
                           "Fecha: " + date + ". Vigencia: 30 días."}));
        app::quote_input in{s.nombre, rfc, amount, date, "", pdf};
        return must(room_.run(app::add_quote(who_.presidencia, work, in, files_)), "cotización").id;
    }

    void choose(std::int64_t work, std::int64_t quote, const std::string& reason = "") {
        must(room_.run(app::choose_quote(who_.presidencia, work, quote, reason)),
             "elegir cotización");
    }

    void photo(std::int64_t work, evidence_kind kind, const demo_picture& picture,
               const std::string& taken_at, const std::string& note) {
        // Each work's photos differ: the same photo on two works is a red flag, not a demo.
        auto look = picture;
        look.stripe_every += static_cast<int>(work % 5) * 4;
        auto sha = files_.put(demo_png(look));
        app::evidence_input in{kind, sha, taken_at, std::nullopt, std::nullopt, note};
        must(room_.run(app::add_evidence(who_.presidencia, work, in, files_)), "foto");
    }

    void document(std::int64_t work, evidence_kind kind, const std::string& title,
                  const std::vector<std::string>& paragraphs, const std::string& note) {
        auto sha = files_.put(demo_pdf(title, paragraphs));
        app::evidence_input in{kind, sha, std::nullopt, std::nullopt, std::nullopt, note};
        must(room_.run(app::add_evidence(who_.presidencia, work, in, files_)), "documento");
    }

    void contract(std::int64_t work, const std::string& who, const std::string& title,
                  domain::centavos amount) {
        document(work, evidence_kind::contrato, "Contrato de " + title,
                 {"Entre el COSABI de " + clinic_name_ + " y " + suppliers.at(who).nombre + ".",
                  "Objeto: " + title + ".",
                  "Monto: " + domain::format_pesos(amount) + ", IVA incluido.",
                  "Firman la presidencia y la tesorería del COSABI y el proveedor."},
                 "Contrato firmado");
    }

    void expense(std::int64_t work, const std::string& who, domain::centavos total,
                 const std::string& fecha, const std::string& concepto) {
        const auto& s = suppliers.at(who);
        demo_invoice invoice{demo_rfc(s.rfc11),
                             s.nombre,
                             demo_rfc("CSB250222K4"),
                             "COMITE DE SALUD PARA EL BIENESTAR",
                             fecha,
                             concepto,
                             total,
                             demo_uuid(room_.clues() + "|" + std::to_string(work) + "|" + fecha)};
        auto xml = files_.put(demo_cfdi_xml(invoice));
        auto pdf = files_.put(
            demo_pdf("Factura " + invoice.uuid,
                     {std::string("Emisor: ") + s.nombre + " (RFC " + invoice.emisor_rfc + ").",
                      "Receptor: COSABI de " + clinic_name_ + ".", "Concepto: " + concepto + ".",
                      "Total: " + domain::format_pesos(total) + " (IVA incluido).",
                      "Folio fiscal: " + invoice.uuid + "."}));
        must(room_.run(app::record_expense(who_.tesoreria, work, {xml, pdf, ""}, files_)), "gasto");
    }

    void confirm(std::int64_t work, std::int64_t user) {
        must(room_.run(app::confirm_work(user, work)), "confirmar");
    }

    void note(std::int64_t work, const std::string& text) {
        must(room_.run(app::add_note(who_.presidencia, work, text)), "nota");
    }

    void handover(std::int64_t work, const std::string& title, const std::string& who) {
        document(work, evidence_kind::entrega_recepcion, "Acta de entrega-recepción",
                 {"Obra o compra: " + title + ".", "Unidad: " + clinic_name_ + ".",
                  std::string("El proveedor ") + suppliers.at(who).nombre +
                      " entrega y el COSABI recibe a su satisfacción.",
                  "Firman: presidencia y tesorería del COSABI, el proveedor y la dirección de la "
                  "unidad."},
                 "Acta firmada");
    }

    const demo_committee& who() const { return who_; }

    void set_equipment(std::int64_t work, app::equipment_input in) {
        must(room_.run(app::set_equipment(who_.presidencia, work, std::move(in))), "equipo");
    }

private:
    demo_room room_;
    std::string clinic_name_;
    demo_committee who_;
    const demo_evidence& files_;
};

} // namespace

void seed_followup(store::store& s, const std::string& clues, const std::string& clinic_name,
                   const demo_committee& committee, const demo_evidence& files) {
    followup_seeder f(s, clues, clinic_name, committee, files);

    // Verificado: the whole path, confirmed by two roles.
    {
        const std::string title = "Reparación del techo del consultorio";
        auto w = f.work(title);
        f.move(w, work_state::cotizando);
        auto chosen = f.quote(w, "techos", 8'950'000, "2025-03-10", title);
        f.quote(w, "sureste", 9'380'000, "2025-03-12", title);
        f.quote(w, "materiales", 9'420'000, "2025-03-14", title);
        f.choose(w, chosen);
        f.move(w, work_state::contratado);
        f.contract(w, "techos", title, 8'950'000);
        f.photo(w, evidence_kind::foto_antes, before_picture, "2025-03-20T09:15:00-06:00",
                "Goteras sobre el consultorio");
        f.move(w, work_state::en_ejecucion);
        f.expense(w, "techos", 4'475'000, "2025-03-25T10:30:00", "Anticipo: " + title);
        f.photo(w, evidence_kind::foto_durante, during_picture, "2025-04-02T12:00:00-06:00",
                "Cambio de láminas");
        f.expense(w, "techos", 4'475'000, "2025-04-18T11:00:00", "Finiquito: " + title);
        f.photo(w, evidence_kind::foto_despues, after_picture, "2025-04-16T10:00:00-06:00",
                "Techo terminado");
        f.handover(w, title, "techos");
        f.move(w, work_state::entregado);
        f.confirm(w, f.who().presidencia);
        f.confirm(w, f.who().tesoreria);
    }

    // Entregado: delivered and proven, one confirmation so far.
    {
        const std::string title = "Autoclave para esterilizar";
        auto w = f.work(title);
        f.move(w, work_state::cotizando);
        f.quote(w, "medico", 4'690'000, "2025-03-11", title);
        auto chosen = f.quote(w, "hospitalaria", 4'520'000, "2025-03-13", title);
        f.quote(w, "materiales", 4'780'000, "2025-03-15", title);
        f.choose(w, chosen);
        f.move(w, work_state::contratado);
        f.photo(w, evidence_kind::foto_antes, before_picture, "2025-04-01T09:00:00-06:00",
                "Lugar donde irá el autoclave");
        f.move(w, work_state::en_ejecucion);
        f.expense(w, "hospitalaria", 4'520'000, "2025-04-08T13:20:00", title);
        f.photo(w, evidence_kind::foto_despues, after_picture, "2025-04-10T10:30:00-06:00",
                "Autoclave instalado");
        f.handover(w, title, "hospitalaria");
        f.move(w, work_state::entregado);
        f.set_equipment(w, {"Tuttnauer", "2540M", {"TT-25-004417"}, {"IMSSB-CH-2025-0131"}});
        f.confirm(w, f.who().tesoreria);
    }

    // Contratado: the chosen quote is not the cheapest, with its public reason; paid in full.
    {
        const std::string title = "Sillas para la sala de espera";
        auto w = f.work(title);
        f.move(w, work_state::cotizando);
        f.quote(w, "materiales", 2'150'000, "2025-03-18", title);
        auto chosen = f.quote(w, "muebles", 2'280'000, "2025-03-19", title);
        f.quote(w, "sureste", 2'390'000, "2025-03-20", title);
        f.choose(w, chosen,
                 "Entrega en una semana y garantía de 3 años; la más barata tarda dos meses.");
        f.move(w, work_state::contratado);
        f.contract(w, "muebles", title, 2'280'000);
        f.expense(w, "muebles", 2'280'000, "2025-05-06T09:45:00", title);
    }

    // En ejecución: an advance paid, before and during photos.
    {
        const std::string title = "Pintura interior y exterior";
        auto w = f.work(title);
        f.move(w, work_state::cotizando);
        auto chosen = f.quote(w, "pinturas", 4'100'000, "2025-04-02", title);
        f.quote(w, "sureste", 4'350'000, "2025-04-03", title);
        f.quote(w, "materiales", 4'490'000, "2025-04-04", title);
        f.choose(w, chosen);
        f.move(w, work_state::contratado);
        f.contract(w, "pinturas", title, 4'100'000);
        f.photo(w, evidence_kind::foto_antes, before_picture, "2025-04-20T08:30:00-06:00",
                "Muros descarapelados");
        f.move(w, work_state::en_ejecucion);
        f.expense(w, "pinturas", 2'050'000, "2025-04-22T16:10:00", "Anticipo: " + title);
        f.photo(w, evidence_kind::foto_durante, during_picture, "2025-05-02T11:40:00-06:00",
                "Primera mano en la sala de espera");
        f.note(w, "Falta la herrería de la entrada; el proveedor termina la próxima semana.");
    }

    // Cotizando: two of the three quotes.
    {
        const std::string title = "Instalación eléctrica y lámparas";
        auto w = f.work(title);
        f.move(w, work_state::cotizando);
        f.quote(w, "electricidad", 3'640'000, "2025-05-12", title);
        f.quote(w, "sureste", 3'790'000, "2025-05-14", title);
    }

    // Detenido, with its reason: it resumes where it stopped.
    {
        const std::string title = "Barda perimetral";
        auto w = f.work(title);
        f.move(w, work_state::cotizando);
        f.quote(w, "sureste", 10'800'000, "2025-04-07", title);
        f.move(w, work_state::detenido,
               "El municipio aún no otorga el permiso de construcción de la barda.");
    }

    // Planeado: "Báscula con estadímetro" waits as the vote left it.
}

} // namespace asamblea::cli
