#pragma once
/// One deployment's persistence: the data folder, its single writer, and the read connections.

#include "store/ballot_keys.hpp"
#include "store/crypto.hpp"
#include "store/evidence_files.hpp"
#include "store/read_pool.hpp"
#include "store/writer.hpp"

#include <memory>
#include <string>

namespace asamblea::store {

class store {
public:
    struct options {
        std::size_t readers = 4;
        // Pages each read connection keeps. Reads are short and leased one at a time, and the
        // OS caches the file anyway: at SQLite's default (2 MiB) the readers' caches, warmed by
        // the phones' hellos, were about 250 B per connected phone (issue 19, 18,000 phones).
        std::size_t reader_cache_kib = 256;
        ::asamblea::store::writer::options writes;
    };
    /// Creates the data folder if needed, migrates the database and opens the connections.
    store(const std::string& data_dir, options opts);
    explicit store(const std::string& data_dir) : store(data_dir, options{}) {}

    ::asamblea::store::writer& writer() { return *writer_; }
    read_pool& readers() { return *readers_; }
    const secret_key& key() const { return key_; }
    /// Per-assembly keys for voter tags (destroyed when an assembly closes).
    ::asamblea::store::ballot_keys& ballot_keys() { return *ballot_keys_; }
    const std::string& data_dir() const { return data_dir_; }
    /// The evidence files beside the database (evidence/ab/<sha256>).
    const evidence_files& evidence() const { return evidence_; }

    /// Drains and stops the writer; reads keep working.
    void stop() { writer_->stop(); }

private:
    std::string data_dir_;
    secret_key key_;
    evidence_files evidence_;
    std::unique_ptr<::asamblea::store::ballot_keys> ballot_keys_;
    std::unique_ptr<::asamblea::store::writer> writer_;
    std::unique_ptr<read_pool> readers_;
};

} // namespace asamblea::store
