#pragma once
/// Which of a clinic's stored files the public may download: the documents its live follow-up
/// records name (a quote's file, an invoice's XML and PDF, a contract, the acta de
/// entrega-recepción, another document). Photos are served only as metadata-free copies, and a
/// proof of payment (bank details) is never public.

#include <SQLiteCpp/Database.h>

#include <string>

namespace asamblea::store {

bool is_public_document(SQLite::Database& db, const std::string& clues, const std::string& sha256);

} // namespace asamblea::store
