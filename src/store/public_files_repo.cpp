#include "store/public_files_repo.hpp"

#include <SQLiteCpp/Statement.h>

namespace asamblea::store {

bool is_public_document(SQLite::Database& db, const std::string& clues, const std::string& sha256) {
    SQLite::Statement q(db, R"sql(
SELECT EXISTS (SELECT 1 FROM evidence e JOIN work_items w ON w.id = e.work_id
               WHERE w.clues = ?1 AND e.file_sha256 = ?2 AND e.voided_at IS NULL
                 AND e.kind IN ('entrega_recepcion', 'contrato', 'documento'))
    OR EXISTS (SELECT 1 FROM quotes q JOIN work_items w ON w.id = q.work_id
               WHERE w.clues = ?1 AND q.file_sha256 = ?2 AND q.voided_at IS NULL)
    OR EXISTS (SELECT 1 FROM expenses x
               WHERE x.clues = ?1 AND x.voided_at IS NULL AND ?2 IN (x.xml_sha256, x.pdf_sha256)))sql");
    q.bind(1, clues);
    q.bind(2, sha256);
    return q.executeStep() && q.getColumn(0).getInt() != 0;
}

} // namespace asamblea::store
