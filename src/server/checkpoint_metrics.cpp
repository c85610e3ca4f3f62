#include "server/checkpoint_metrics.hpp"

namespace asamblea::server {

std::string checkpoint_metrics_text(const store::checkpointer::counts& totals) {
    return "# HELP asamblea_checkpoint_rounds_total Rounds of the checkpoint thread's passes, "
           "one each time the log has gained about 10,000 pages.\n"
           "# TYPE asamblea_checkpoint_rounds_total counter\n"
           "asamblea_checkpoint_rounds_total " +
           std::to_string(totals.rounds) +
           "\n# HELP asamblea_checkpoint_passes_total Copies of the write-ahead log into the "
           "database file, by who ran them (the checkpoint thread, or the writer between two "
           "batches for the last few frames).\n"
           "# TYPE asamblea_checkpoint_passes_total counter\n"
           "asamblea_checkpoint_passes_total{by=\"thread\"} " +
           std::to_string(totals.passes) + "\nasamblea_checkpoint_passes_total{by=\"writer\"} " +
           std::to_string(totals.writer_passes) +
           "\n# HELP asamblea_checkpoint_busy_total Passes held off by another connection's "
           "checkpoint.\n"
           "# TYPE asamblea_checkpoint_busy_total counter\n"
           "asamblea_checkpoint_busy_total " +
           std::to_string(totals.busy) +
           "\n# HELP asamblea_checkpoint_log_frames The log's length at the last pass, and how "
           "many of its frames were in the database file after it.\n"
           "# TYPE asamblea_checkpoint_log_frames gauge\n"
           "asamblea_checkpoint_log_frames{frames=\"logged\"} " +
           std::to_string(totals.log_frames) +
           "\nasamblea_checkpoint_log_frames{frames=\"copied\"} " +
           std::to_string(totals.copied_frames) + "\n";
}

} // namespace asamblea::server
