#include "raw_http.hpp"
#include "server/checkpoint_metrics.hpp"

#include <doctest/doctest.h>

using namespace asamblea;

TEST_CASE("checkpoint metrics: each count on its own sample line") {
    store::checkpointer::counts totals;
    totals.rounds = 5;
    totals.passes = 7;
    totals.writer_passes = 3;
    totals.busy = 1;
    totals.log_frames = 31'250;
    totals.copied_frames = 31'200;
    // A leading newline, as in the whole /metrics text, so the first sample is found too.
    auto text = "\n" + server::checkpoint_metrics_text(totals);
    CHECK(metric_value(text, "asamblea_checkpoint_rounds_total") == 5);
    CHECK(metric_value(text, "asamblea_checkpoint_passes_total{by=\"thread\"}") == 7);
    CHECK(metric_value(text, "asamblea_checkpoint_passes_total{by=\"writer\"}") == 3);
    CHECK(metric_value(text, "asamblea_checkpoint_busy_total") == 1);
    CHECK(metric_value(text, "asamblea_checkpoint_log_frames{frames=\"logged\"}") == 31'250);
    CHECK(metric_value(text, "asamblea_checkpoint_log_frames{frames=\"copied\"}") == 31'200);
    CHECK(text.find("# TYPE asamblea_checkpoint_passes_total counter\n") != std::string::npos);
}
