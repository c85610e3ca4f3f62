#pragma once
/// The writer's checkpoints (store/checkpointer) in the Prometheus text format, for /metrics.

#include "store/checkpointer.hpp"

#include <string>

namespace asamblea::server {

std::string checkpoint_metrics_text(const store::checkpointer::counts& totals);

} // namespace asamblea::server
