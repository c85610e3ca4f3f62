#pragma once
/// The COSABI's follow-up (seguimiento) in one include: its commands, its reads, and the work
/// items an assembly's vote creates.

#include "app/followup/board.hpp"
#include "app/followup/confirmations.hpp"
#include "app/followup/evidence.hpp"
#include "app/followup/expenses.hpp"
#include "app/followup/file_source.hpp"
#include "app/followup/member_actor.hpp"
#include "app/followup/quotes.hpp"
#include "app/followup/voted_works.hpp"
#include "app/followup/work_event.hpp"
#include "app/followup/work_items.hpp"
