#include "domain/followup/next_step.hpp"

#include "domain/followup/confirmation_rule.hpp"

namespace asamblea::domain {
namespace {

requirement move_to(work_state s, std::string text) {
    return {"move_" + std::string(to_string(s)), std::move(text)};
}

} // namespace

work_state next_after(work_state s) {
    switch (s) {
    case work_state::planeado:
        return work_state::cotizando;
    case work_state::cotizando:
        return work_state::contratado;
    case work_state::contratado:
        return work_state::en_ejecucion;
    case work_state::en_ejecucion:
        return work_state::entregado;
    case work_state::entregado:
        return work_state::verificado;
    case work_state::verificado:
    case work_state::detenido:
    case work_state::cancelado:
        break;
    }
    return s;
}

std::vector<requirement> missing_for(const work_item& item, const work_proof& proof) {
    std::vector<requirement> out;
    switch (item.state) {
    case work_state::planeado:
        out.push_back(move_to(work_state::cotizando, "Empezar a cotizar"));
        break;
    case work_state::cotizando:
        if (proof.quotes < required_quotes && !proof.quote_exception) {
            int n = required_quotes - proof.quotes;
            out.push_back(
                {"quotes_missing", n == 1 ? std::string("Falta 1 cotización")
                                          : "Faltan " + std::to_string(n) + " cotizaciones"});
        }
        if (!proof.chosen_quote)
            out.push_back({"quote_not_chosen", "Falta elegir una cotización"});
        if (out.empty())
            out.push_back(move_to(work_state::contratado, "Marcar como contratado"));
        break;
    case work_state::contratado:
        out.push_back(move_to(work_state::en_ejecucion, "Marcar en ejecución"));
        break;
    case work_state::en_ejecucion:
        if (proof.photos_after < 1)
            out.push_back({"photo_after_missing", "Falta la foto de después"});
        if (!proof.entrega_recepcion)
            out.push_back({"entrega_recepcion_missing", "Falta el acta de entrega-recepción"});
        if (out.empty())
            out.push_back(move_to(work_state::entregado, "Marcar como entregado"));
        break;
    case work_state::entregado:
        if (proof.confirmations.empty())
            out.push_back({"confirmations_missing",
                           "Faltan 2 confirmaciones de integrantes con cargos distintos"});
        else if (!confirmations_complete(proof.confirmations))
            out.push_back(
                {"confirmations_missing", "Falta la confirmación de un integrante con otro cargo"});
        else
            out.push_back(move_to(work_state::verificado, "Marcar como verificado"));
        break;
    case work_state::detenido:
        out.push_back({"resume", "Reanudar"});
        break;
    case work_state::verificado:
    case work_state::cancelado:
        break;
    }
    return out;
}

} // namespace asamblea::domain
